package dev.lockstep.classfiles;

import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Dispatch;
import dev.lockstep.analysis.facts.Guard;
import dev.lockstep.analysis.facts.Handoff;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Library methods' facts as bytes, for {@link LibraryFactsCache}: every component of {@link
 * MethodFacts} and of what it holds, so that a decoded value {@code equals} the one encoded.
 * Strings are written once and then referred to by number (owners, types and file names repeat in
 * every call). A new component in a fact record must be added here, and {@link
 * LibraryFactsCache#FORMAT} bumped; {@code MethodFactsCodecTest} round-trips the facts of real
 * library classes to catch a component left out.
 */
final class MethodFactsCodec {
  private MethodFactsCodec() {}

  /**
   * The facts of each method ({@code Optional.empty()}: it has no body to read), as bytes: the
   * strings once, in a table; an index of the methods, each with where its record lies; the
   * records. A build decodes the table and the index when it loads the file, and a method's record
   * only when it is asked for ({@link Kept}): a warm build asks for a fraction of what earlier
   * builds kept.
   */
  static byte[] encode(Map<MethodRef, Optional<MethodFacts>> facts) {
    try {
      Strings strings = new Strings();
      ByteArrayOutputStream recordBytes = new ByteArrayOutputStream();
      Writer records = new Writer(new DataOutputStream(recordBytes), strings);
      ByteArrayOutputStream indexBytes = new ByteArrayOutputStream();
      Writer index = new Writer(new DataOutputStream(indexBytes), strings);
      index.data.writeInt(facts.size());
      for (Map.Entry<MethodRef, Optional<MethodFacts>> e : facts.entrySet()) {
        records.data.flush();
        int start = recordBytes.size();
        records.optional(e.getValue(), records::facts);
        records.data.flush();
        index.method(e.getKey());
        index.data.writeInt(start);
        index.data.writeInt(recordBytes.size() - start);
      }
      index.data.flush();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(strings.order.size());
      for (String string : strings.order) {
        byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
      out.writeInt(indexBytes.size());
      indexBytes.writeTo(out);
      out.writeInt(recordBytes.size());
      recordBytes.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
  }

  /** What {@link #encode} wrote, every record decoded; throws on bytes it did not write. */
  static Map<MethodRef, Optional<MethodFacts>> decode(byte[] payload) throws IOException {
    Kept kept = index(payload);
    Map<MethodRef, Optional<MethodFacts>> facts = new LinkedHashMap<>();
    for (MethodRef method : kept.methods()) {
      facts.put(method, kept.facts(method));
    }
    return facts;
  }

  /**
   * The table and the index of what {@link #encode} wrote, its records left to decode when asked;
   * throws on bytes it did not write.
   */
  static Kept index(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    Reader header = new Reader(in, List.of());
    int count = header.count();
    List<String> table = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      table.add(new String(in.readNBytes(header.count()), StandardCharsets.UTF_8));
    }
    byte[] indexBytes = in.readNBytes(header.count());
    byte[] records = in.readNBytes(header.count());
    if (in.read() != -1) {
      throw new IOException("bytes after the records");
    }
    Reader index = new Reader(new DataInputStream(new ByteArrayInputStream(indexBytes)), table);
    int size = index.count();
    Map<MethodRef, Slice> slices = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      MethodRef method = index.method();
      int start = index.data.readInt();
      int length = index.data.readInt();
      if (start < 0 || length < 0 || start > records.length - length) {
        throw new IOException("a record outside the records: " + start + "+" + length);
      }
      slices.put(method, new Slice(start, length));
    }
    if (index.data.read() != -1) {
      throw new IOException("bytes after the last method");
    }
    return new Kept(table, slices, records);
  }

  /** Where a method's record lies among the records. */
  private record Slice(int start, int length) {}

  /** Kept facts whose records are decoded one method at a time, when asked. */
  static final class Kept {
    static final Kept NONE = new Kept(List.of(), Map.of(), new byte[0]);

    private final List<String> table;
    private final Map<MethodRef, Slice> slices;
    private final byte[] records;

    private Kept(List<String> table, Map<MethodRef, Slice> slices, byte[] records) {
      this.table = table;
      this.slices = slices;
      this.records = records;
    }

    /** The methods kept, in the order they were written. */
    Set<MethodRef> methods() {
      return slices.keySet();
    }

    boolean has(MethodRef method) {
      return slices.containsKey(method);
    }

    int size() {
      return slices.size();
    }

    /** The method's facts, decoded now; throws on a record {@link #encode} did not write. */
    Optional<MethodFacts> facts(MethodRef method) throws IOException {
      Slice slice = slices.get(method);
      if (slice == null) {
        throw new IOException("not kept: " + method);
      }
      Reader in =
          new Reader(
              new DataInputStream(new ByteArrayInputStream(records, slice.start(), slice.length())),
              table);
      Optional<MethodFacts> facts = in.optional(in::facts);
      if (in.data.read() != -1) {
        throw new IOException("bytes after the record of " + method);
      }
      return facts;
    }
  }

  /** The strings of a file, numbered from 1 in the order first written. */
  private static final class Strings {
    final Map<String, Integer> ids = new HashMap<>();
    final List<String> order = new ArrayList<>();
  }

  /** Answers about library methods ({@link LibraryFactsCache.Answer}), as bytes. */
  static byte[] encodeAnswers(Map<LibraryFactsCache.Answer, Boolean> answers) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Writer out = new Writer(new DataOutputStream(bytes), null);
      out.data.writeInt(answers.size());
      for (Map.Entry<LibraryFactsCache.Answer, Boolean> e : answers.entrySet()) {
        out.method(e.getKey().method());
        out.string(e.getKey().question());
        out.data.writeBoolean(e.getValue());
      }
      out.data.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
  }

  /** What {@link #encodeAnswers} wrote; throws on bytes it did not write. */
  static Map<LibraryFactsCache.Answer, Boolean> decodeAnswers(byte[] payload) throws IOException {
    Reader in = new Reader(new DataInputStream(new ByteArrayInputStream(payload)), null);
    int size = in.count();
    Map<LibraryFactsCache.Answer, Boolean> answers = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      MethodRef method = in.method();
      String question = in.string();
      if (question == null) {
        throw new IOException("an answer without its question");
      }
      answers.put(new LibraryFactsCache.Answer(method, question), in.data.readBoolean());
    }
    if (in.data.read() != -1) {
      throw new IOException("bytes after the last answer");
    }
    return answers;
  }

  /** Writes one value. */
  @FunctionalInterface
  private interface Put<T> {
    void put(T value) throws IOException;
  }

  /** Reads one value. */
  @FunctionalInterface
  private interface Get<T> {
    T get() throws IOException;
  }

  private static final class Writer {
    final DataOutputStream data;
    final Map<String, Integer> strings;

    /** The file's table of strings; null: each string is written where it is first used. */
    final Strings table;

    Writer(DataOutputStream data, Strings table) {
      this.data = data;
      this.table = table;
      this.strings = table == null ? new HashMap<>() : table.ids;
    }

    /**
     * {@code 0} for null, the string's number when written before (or in a table), else {@code -1}
     * and it.
     */
    void string(String s) throws IOException {
      if (s == null) {
        data.writeInt(0);
        return;
      }
      Integer known = strings.get(s);
      if (known == null && table != null) {
        table.order.add(s);
        known = table.order.size();
        strings.put(s, known);
      }
      if (known != null) {
        data.writeInt(known);
        return;
      }
      strings.put(s, strings.size() + 1);
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      data.writeInt(-1);
      data.writeInt(utf8.length);
      data.write(utf8);
    }

    <T> void list(List<T> values, Put<T> put) throws IOException {
      data.writeInt(values.size());
      for (T value : values) {
        put.put(value);
      }
    }

    <T> void optional(Optional<T> value, Put<T> put) throws IOException {
      data.writeBoolean(value.isPresent());
      if (value.isPresent()) {
        put.put(value.orElseThrow());
      }
    }

    void strings(Iterable<String> values, int size) throws IOException {
      data.writeInt(size);
      for (String s : values) {
        string(s);
      }
    }

    void method(MethodRef m) throws IOException {
      string(m.owner());
      string(m.name());
      strings(m.paramTypes(), m.paramTypes().size());
    }

    void location(Location l) throws IOException {
      string(l.file());
      data.writeInt(l.line());
      data.writeInt(l.column());
      data.writeBoolean(l.classFile());
    }

    void marks(Marks m) throws IOException {
      data.writeInt(m.marks().size());
      for (Mark mark : m.marks()) {
        string(mark.name());
      }
      data.writeInt(m.parallelism());
    }

    void receiver(Receiver r) throws IOException {
      string(r.kind().name());
      string(r.name());
      string(r.type());
      optional(r.producedBy(), this::method);
      string(r.root().name());
      string(r.producerOn().name());
      list(r.producers(), this::method);
    }

    void guard(Guard g) throws IOException {
      string(g.kind().name());
      string(g.condition());
      data.writeInt(g.parameter());
      data.writeBoolean(g.runsWhen());
      location(g.decidedAt());
    }

    void argument(Argument a) throws IOException {
      string(a.kind().name());
      data.writeInt(a.parameter());
      string(a.name());
      optional(a.returnedBy(), this::method);
    }

    void call(CallSite c) throws IOException {
      method(c.target());
      strings(c.matchOwners(), c.matchOwners().size());
      receiver(c.receiver());
      location(c.location());
      marks(c.targetMarks());
      marks(c.ownerMarks());
      marks(c.receiverMarks());
      list(c.runVia(), this::method);
      data.writeBoolean(c.inNestedLoop());
      data.writeBoolean(c.targetSynchronized());
      guard(c.guard());
      list(c.arguments(), this::argument);
      data.writeInt(c.receiverParameter());
      list(
          c.dispatch(),
          d -> {
            method(d.runs());
            string(d.allocated());
          });
      argument(c.receiverOrigin());
      list(
          c.receiverHandedTo(),
          h -> {
            list(h.runs(), this::method);
            data.writeInt(h.parameter());
          });
    }

    void region(LockRegion r) throws IOException {
      string(r.kind().name());
      string(r.lock());
      receiver(r.holder());
      data.writeBoolean(r.isStatic());
      data.writeInt(r.permits());
      location(r.location());
      method(r.holderMethod());
      list(r.calls(), this::call);
      data.writeBoolean(r.lazyInit());
    }

    void facts(MethodFacts f) throws IOException {
      method(f.method());
      location(f.location());
      marks(f.methodMarks());
      marks(f.typeMarks());
      list(f.calls(), this::call);
      list(f.lockRegions(), this::region);
      list(f.returns(), this::argument);
      data.writeInt(f.confinedParameters().size());
      for (int p : f.confinedParameters()) {
        data.writeInt(p);
      }
    }
  }

  private static final class Reader {
    final DataInputStream data;
    final List<String> strings;

    /** Whether the strings come from a table only (no string is written where it is used). */
    final boolean tabled;

    /**
     * @param table the file's strings; null when each is written where it is first used
     */
    Reader(DataInputStream data, List<String> table) {
      this.data = data;
      this.tabled = table != null;
      this.strings = table != null ? table : new ArrayList<>();
    }

    String string() throws IOException {
      int id = data.readInt();
      if (id == 0) {
        return null;
      }
      if (id > 0) {
        if (id > strings.size()) {
          throw new IOException("string " + id + " before it was written");
        }
        return strings.get(id - 1);
      }
      if (id != -1 || tabled) {
        throw new IOException("bad string tag " + id);
      }
      byte[] utf8 = data.readNBytes(count());
      String s = new String(utf8, StandardCharsets.UTF_8);
      strings.add(s);
      return s;
    }

    /** A size: never negative, never more than the bytes left could hold. */
    int count() throws IOException {
      int n = data.readInt();
      if (n < 0 || n > data.available()) {
        throw new IOException("bad count " + n);
      }
      return n;
    }

    <T> List<T> list(Get<T> get) throws IOException {
      int n = count();
      List<T> values = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        values.add(get.get());
      }
      return values;
    }

    <T> Optional<T> optional(Get<T> get) throws IOException {
      return data.readBoolean() ? Optional.of(get.get()) : Optional.empty();
    }

    Set<String> stringSet() throws IOException {
      int n = count();
      Set<String> values = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        values.add(string());
      }
      return values;
    }

    /** A constant by name: ordinals move when a constant is added, names do not. */
    <E extends Enum<E>> E constant(Class<E> type) throws IOException {
      String name = string();
      try {
        return Enum.valueOf(type, name == null ? "" : name);
      } catch (IllegalArgumentException e) {
        throw new IOException("no " + type.getSimpleName() + " named " + name, e);
      }
    }

    MethodRef method() throws IOException {
      String owner = string();
      String name = string();
      return new MethodRef(owner, name, list(this::string));
    }

    Location location() throws IOException {
      return new Location(string(), data.readInt(), data.readInt(), data.readBoolean());
    }

    Marks marks() throws IOException {
      int n = count();
      Set<Mark> marks = EnumSet.noneOf(Mark.class);
      for (int i = 0; i < n; i++) {
        marks.add(constant(Mark.class));
      }
      return new Marks(marks, data.readInt());
    }

    Receiver receiver() throws IOException {
      ReceiverKind kind = constant(ReceiverKind.class);
      String name = string();
      String type = string();
      Optional<MethodRef> producedBy = optional(this::method);
      ReceiverKind root = constant(ReceiverKind.class);
      ReceiverKind producerOn = constant(ReceiverKind.class);
      return new Receiver(kind, name, type, producedBy, root, producerOn, list(this::method));
    }

    Guard guard() throws IOException {
      return new Guard(
          constant(Guard.Kind.class), string(), data.readInt(), data.readBoolean(), location());
    }

    Argument argument() throws IOException {
      return new Argument(
          constant(Argument.Kind.class), data.readInt(), string(), optional(this::method));
    }

    CallSite call() throws IOException {
      MethodRef target = method();
      Set<String> matchOwners = stringSet();
      Receiver receiver = receiver();
      Location location = location();
      Marks targetMarks = marks();
      Marks ownerMarks = marks();
      Marks receiverMarks = marks();
      List<MethodRef> runVia = list(this::method);
      boolean inNestedLoop = data.readBoolean();
      boolean targetSynchronized = data.readBoolean();
      Guard guard = guard();
      List<Argument> arguments = list(this::argument);
      int receiverParameter = data.readInt();
      List<Dispatch> dispatch = list(() -> new Dispatch(method(), string()));
      Argument receiverOrigin = argument();
      List<Handoff> handedTo = list(() -> new Handoff(list(this::method), data.readInt()));
      return new CallSite(
          target,
          matchOwners,
          receiver,
          location,
          targetMarks,
          ownerMarks,
          receiverMarks,
          runVia,
          inNestedLoop,
          targetSynchronized,
          guard,
          arguments,
          receiverParameter,
          dispatch,
          receiverOrigin,
          handedTo);
    }

    LockRegion region() throws IOException {
      return new LockRegion(
          constant(LockRegion.Kind.class),
          string(),
          receiver(),
          data.readBoolean(),
          data.readInt(),
          location(),
          method(),
          list(this::call),
          data.readBoolean());
    }

    MethodFacts facts() throws IOException {
      MethodRef method = method();
      Location location = location();
      Marks methodMarks = marks();
      Marks typeMarks = marks();
      List<CallSite> calls = list(this::call);
      List<LockRegion> regions = list(this::region);
      List<Argument> returns = list(this::argument);
      int n = count();
      Set<Integer> confined = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        confined.add(data.readInt());
      }
      return new MethodFacts(
          method, location, methodMarks, typeMarks, calls, regions, returns, confined);
    }
  }
}
