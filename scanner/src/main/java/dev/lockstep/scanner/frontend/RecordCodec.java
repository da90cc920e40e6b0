package dev.lockstep.scanner.frontend;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Writes and reads the findings the incremental cache keeps (ADR 0016): the analysis's records —
 * {@code Finding}, its chains, hops, locations, cost and fix — their strings, numbers, enums,
 * lists, sets and optionals, each value tagged with its kind so that reading needs no schema. A
 * record is written by its components in order and read back through its canonical constructor, so
 * a finding read from the cache is {@code equals} to the one the analysis built.
 *
 * <p>Only Lockstep's own records and enums are read back (a damaged or foreign file cannot name any
 * other class); a value of any other kind cannot be written ({@link IOException}): the file it
 * belongs to is then not cached, never cached wrong.
 */
final class RecordCodec {
  private static final String OWN_PACKAGE = "dev.lockstep.";

  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int INT = 2;
  private static final int LONG = 3;
  private static final int BOOLEAN = 4;
  private static final int DOUBLE = 5;
  private static final int ENUM = 6;
  private static final int OPTIONAL = 7;
  private static final int OPTIONAL_INT = 8;
  private static final int LIST = 9;
  private static final int SET = 10;
  private static final int RECORD = 11;

  private RecordCodec() {}

  static void write(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
      return;
    }
    switch (value) {
      case String s -> {
        out.writeByte(STRING);
        writeString(out, s);
      }
      case Integer i -> {
        out.writeByte(INT);
        out.writeInt(i);
      }
      case Long l -> {
        out.writeByte(LONG);
        out.writeLong(l);
      }
      case Boolean b -> {
        out.writeByte(BOOLEAN);
        out.writeBoolean(b);
      }
      case Double d -> {
        out.writeByte(DOUBLE);
        out.writeDouble(d);
      }
      case Enum<?> e -> {
        out.writeByte(ENUM);
        writeString(out, e.getDeclaringClass().getName());
        writeString(out, e.name());
      }
      case Optional<?> o -> {
        out.writeByte(OPTIONAL);
        out.writeBoolean(o.isPresent());
        if (o.isPresent()) {
          write(out, o.orElseThrow());
        }
      }
      case OptionalInt o -> {
        out.writeByte(OPTIONAL_INT);
        out.writeBoolean(o.isPresent());
        if (o.isPresent()) {
          out.writeInt(o.getAsInt());
        }
      }
      case List<?> list -> {
        out.writeByte(LIST);
        out.writeInt(list.size());
        for (Object element : list) {
          write(out, element);
        }
      }
      case Set<?> set -> {
        out.writeByte(SET);
        out.writeInt(set.size());
        for (Object element : set) {
          write(out, element);
        }
      }
      case Record r -> writeRecord(out, r);
      default -> throw new IOException("not cacheable: " + value.getClass().getName());
    }
  }

  private static void writeRecord(DataOutputStream out, Record r) throws IOException {
    if (!own(r.getClass())) {
      throw new IOException("not cacheable: " + r.getClass().getName());
    }
    out.writeByte(RECORD);
    writeString(out, r.getClass().getName());
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object component;
      try {
        c.getAccessor().setAccessible(true);
        component = c.getAccessor().invoke(r);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IOException("cannot read " + c, e);
      }
      write(out, component);
    }
  }

  static Object read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case STRING -> readString(in);
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case BOOLEAN -> in.readBoolean();
      case DOUBLE -> in.readDouble();
      case ENUM -> readEnum(readString(in), readString(in));
      case OPTIONAL -> in.readBoolean() ? Optional.ofNullable(read(in)) : Optional.empty();
      case OPTIONAL_INT -> in.readBoolean() ? OptionalInt.of(in.readInt()) : OptionalInt.empty();
      case LIST -> {
        int size = size(in);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(read(in));
        }
        yield list;
      }
      case SET -> {
        int size = size(in);
        Set<Object> set = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
          set.add(read(in));
        }
        yield set;
      }
      case RECORD -> readRecord(in);
      default -> throw new IOException("unknown tag " + tag);
    };
  }

  private static Object readRecord(DataInputStream in) throws IOException {
    Class<?> type = ownClass(readString(in));
    if (!type.isRecord()) {
      throw new IOException("not a record: " + type.getName());
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = read(in);
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("cannot rebuild " + type.getName(), e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // an enum class known only by name
  private static Object readEnum(String className, String name) throws IOException {
    Class<?> type = ownClass(className);
    if (!type.isEnum()) {
      throw new IOException("not an enum: " + className);
    }
    try {
      return Enum.valueOf((Class) type, name);
    } catch (IllegalArgumentException e) {
      throw new IOException("no constant " + name + " in " + className, e);
    }
  }

  private static Class<?> ownClass(String name) throws IOException {
    if (!name.startsWith(OWN_PACKAGE)) {
      throw new IOException("not Lockstep's: " + name);
    }
    try {
      return Class.forName(name, false, RecordCodec.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IOException("no class " + name, e);
    }
  }

  private static boolean own(Class<?> type) {
    return type.getName().startsWith(OWN_PACKAGE);
  }

  private static int size(DataInputStream in) throws IOException {
    int size = in.readInt();
    if (size < 0 || size > 10_000_000) {
      throw new IOException("bad size " + size);
    }
    return size;
  }

  /** Length-prefixed UTF-8: {@code writeUTF} stops at 64 KB, a message or snippet need not. */
  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    int length = size(in);
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("truncated");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
