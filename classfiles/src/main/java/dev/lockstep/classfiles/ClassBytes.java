package dev.lockstep.classfiles;

import static java.util.Objects.requireNonNull;

/** One class file as a {@link ClassSource} found it. */
public final class ClassBytes {
  private final byte[] bytes;
  private final String container;

  /**
   * @param bytes the class file (kept, not copied: the reader only reads it)
   * @param container the jar's file name ({@code acme-rpc-2.1.jar}) or the class directory's name,
   *     as chains name it
   */
  public ClassBytes(byte[] bytes, String container) {
    this.bytes = requireNonNull(bytes, "bytes");
    this.container = requireNonNull(container, "container");
  }

  byte[] bytes() {
    return bytes;
  }

  public String container() {
    return container;
  }
}
