package test;

/** A shard whose loads share one class-wide lock, and whose refresh locks only the shard. */
class Shard {
  private final String name;

  Shard(String name) {
    this.name = name;
  }

  String load() throws Exception {
    synchronized (Shard.class) {
      return Batches.CLIENT.send(name);
    }
  }

  synchronized String refresh() throws Exception {
    return Batches.CLIENT.send(name);
  }
}
