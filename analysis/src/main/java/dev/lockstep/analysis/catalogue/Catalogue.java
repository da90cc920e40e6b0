package dev.lockstep.analysis.catalogue;

import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.MethodRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The wait catalogue: library calls known to wait, read from data files, not code.
 *
 * <p>The file format, one entry a line, fields separated by whitespace, {@code #} starts a comment:
 *
 * <pre>
 * # owner                    method   params                        tag       label
 * java.net.http.HttpClient   send     *                             latency   HttpClient.send
 * java.lang.Thread           sleep    (long)                        pacing    Thread.sleep
 * =java.io.InputStream       read     *                             channel   InputStream.read
 * io.grpc.stub.AbstractBlockingStub  *  *                           latency   gRPC blocking stub
 * </pre>
 *
 * <p>Types are canonical names ({@code java.net.http.HttpResponse.BodyHandler}), parameters erased
 * and comma separated without spaces ({@code (long,java.util.concurrent.TimeUnit)}, {@code ()} for
 * none) or {@code *} for any. The label is the rest of the line, optionally followed by {@code
 * [batch: call]} (the client's call that does many in one round trip, which the diagnostic
 * recommends first) and {@code [unless: method,method]} (the entry does not match when the receiver
 * was built through a call of one of these names: an asynchronous step in a fluent chain) and
 * {@code [async]} (the call starts a round trip and returns a future of its reply at once) and
 * {@code [callback]} (it starts one and returns at once; the reply comes to a callback argument)
 * and {@code [server: n]} (its {@code n}-th parameter names the server the request goes to). See
 * {@link CatalogueEntry} and {@link WaitTag} for what each field means.
 *
 * <p>When several entries match a call, the most specific wins (see {@link
 * CatalogueEntry#specificity()}); among equally specific ones, the one added last (a user file
 * after the built-in catalogue), so users can override built-in entries, e.g. with tag {@code
 * none}.
 */
public final class Catalogue {
  /** The built-in catalogue's resource name. */
  public static final String BUILTIN_RESOURCE = "/dev/lockstep/analysis/catalogue/waits.tsv";

  private static final Pattern FIELDS = Pattern.compile("\\s+");
  private static final Pattern PARAMS =
      Pattern.compile("\\*|\\(([\\w.$\\[\\]]+(,[\\w.$\\[\\]]+)*)?\\)");
  private static final Pattern TYPE = Pattern.compile("=?[\\w$]+(\\.[\\w$]+)*");
  private static final Pattern OPTION = Pattern.compile("\\[(batch|unless|server):([^\\]]*)\\]");
  private static final Pattern ASYNC = Pattern.compile("\\[async\\]");
  private static final Pattern CALLBACK = Pattern.compile("\\[callback\\]");

  private final Map<String, List<CatalogueEntry>> byName;

  private final List<CatalogueEntry> entries;

  /**
   * The owners of the entries of every method or of a family ({@code *}, {@code prefix*}): {@link
   * #match} tries those entries only for a call on one of them. Tried on every call, their names
   * first, they were 25 of the 852 samples in Lockstep on connect-runtime.
   */
  private final Set<String> familyOwners;

  /**
   * The names of the entries that start a request per call ({@code [async]} or {@code [callback]},
   * an exact name): the fan-out readers' cheap filter, built once.
   */
  private final Set<String> requestNames;

  /** The owners of those entries, by name. */
  private final Map<String, Set<String>> requestOwners;

  /** Of the entries; kept, since a catalogue is part of the key of each compilation's state. */
  private final int hash;

  private Catalogue(List<CatalogueEntry> entries) {
    this.entries = List.copyOf(entries);
    this.hash = this.entries.hashCode();
    Map<String, List<CatalogueEntry>> index = new HashMap<>();
    for (CatalogueEntry entry : this.entries) {
      String key = entry.name().endsWith("*") ? "*" : entry.name();
      index.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
    }
    Map<String, List<CatalogueEntry>> frozen = new HashMap<>();
    index.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.byName = Map.copyOf(frozen);
    this.familyOwners =
        byName.getOrDefault("*", List.of()).stream()
            .map(CatalogueEntry::owner)
            .collect(Collectors.toUnmodifiableSet());
    Map<String, Set<String>> requests = new HashMap<>();
    for (CatalogueEntry entry : this.entries) {
      if ((entry.async() || entry.callback()) && !entry.name().endsWith("*")) {
        requests.computeIfAbsent(entry.name(), k -> new HashSet<>()).add(entry.owner());
      }
    }
    Map<String, Set<String>> owners = new HashMap<>();
    requests.forEach((k, v) -> owners.put(k, Set.copyOf(v)));
    this.requestOwners = Map.copyOf(owners);
    this.requestNames = requestOwners.keySet();
  }

  public static Catalogue of(List<CatalogueEntry> entries) {
    return new Catalogue(entries);
  }

  public static Catalogue empty() {
    return new Catalogue(List.of());
  }

  private static final class BuiltinHolder {
    static final Catalogue BUILTIN = loadBuiltin();

    private static Catalogue loadBuiltin() {
      try (InputStream in = Catalogue.class.getResourceAsStream(BUILTIN_RESOURCE)) {
        if (in == null) {
          throw new CatalogueException("built-in catalogue missing: " + BUILTIN_RESOURCE);
        }
        return parse("waits.tsv", new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The catalogue shipped in this jar, loaded once per class loader. */
  public static Catalogue builtin() {
    return BuiltinHolder.BUILTIN;
  }

  /**
   * Reads a user's catalogue file.
   *
   * @throws CatalogueException naming the file (and line) when it cannot be read or parsed
   */
  public static Catalogue load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), reader);
    } catch (IOException e) {
      throw new CatalogueException(
          "cannot read the Lockstep catalogue file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses catalogue text.
   *
   * @param sourceName how error messages and {@link CatalogueEntry#source()} name the file
   * @throws CatalogueException naming {@code sourceName} and the line on a malformed entry
   */
  public static Catalogue parse(String sourceName, Reader text) {
    List<CatalogueEntry> entries = new ArrayList<>();
    BufferedReader reader = new BufferedReader(text);
    int lineNumber = 0;
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        int comment = line.indexOf('#');
        String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (content.isEmpty()) {
          continue;
        }
        entries.add(parseLine(sourceName + ":" + lineNumber, content));
      }
    } catch (IOException e) {
      throw new CatalogueException("cannot read " + sourceName + ": " + e.getMessage(), e);
    }
    return new Catalogue(entries);
  }

  private static CatalogueEntry parseLine(String where, String content) {
    String[] fields = FIELDS.split(content, 5);
    if (fields.length < 5) {
      throw new CatalogueException(
          where
              + ": expected 'owner method params tag label' separated by whitespace, got: "
              + content);
    }
    String owner = fields[0];
    if (!TYPE.matcher(owner).matches()) {
      throw new CatalogueException(where + ": not a type name: " + owner);
    }
    String name = fields[1];
    if (!name.equals("*") && !name.equals(MethodRef.CONSTRUCTOR) && !name.matches("[\\w$]+\\*?")) {
      throw new CatalogueException(where + ": not a method name or pattern: " + name);
    }
    String params = fields[2];
    if (!PARAMS.matcher(params).matches()) {
      throw new CatalogueException(
          where + ": parameters must be * or (type,type,...) without spaces, got: " + params);
    }
    Optional<WaitTag> tag = WaitTag.parse(fields[3]);
    if (tag.isEmpty()) {
      throw new CatalogueException(
          where
              + ": unknown tag '"
              + fields[3]
              + "' (expected latency, await, channel, pacing, lock or none)");
    }
    Optional<List<String>> paramTypes =
        params.equals("*")
            ? Optional.empty()
            : Optional.of(MethodRef.parse("x#y" + params).paramTypes());
    boolean exact = owner.startsWith("=");
    String label = fields[4].strip();
    Optional<String> batch = Optional.empty();
    Set<String> unless = Set.of();
    int server = 0;
    Matcher option = OPTION.matcher(label);
    while (option.find()) {
      String value = option.group(2).strip();
      if (value.isEmpty()) {
        throw new CatalogueException(where + ": empty [" + option.group(1) + ":] option");
      }
      if (option.group(1).equals("batch")) {
        batch = Optional.of(value);
      } else if (option.group(1).equals("server")) {
        server = serverParam(where, value);
      } else {
        unless = Set.copyOf(Arrays.asList(value.split("\\s*,\\s*")));
      }
    }
    boolean async = ASYNC.matcher(label).find();
    boolean callback = CALLBACK.matcher(label).find();
    if (async && callback) {
      throw new CatalogueException(
          where
              + ": [async] (a future of the reply) and [callback] (a callback) exclude each other");
    }
    label =
        CALLBACK
            .matcher(ASYNC.matcher(OPTION.matcher(label).replaceAll("")).replaceAll(""))
            .replaceAll("")
            .strip();
    if (label.isEmpty() || label.contains("[")) {
      throw new CatalogueException(
          where
              + ": the label must come first, options after it as [batch: call],"
              + " [unless: method,method], [server: n], [async] or [callback], got: "
              + fields[4].strip());
    }
    return new CatalogueEntry(
        exact ? owner.substring(1) : owner,
        exact,
        name,
        paramTypes,
        tag.orElseThrow(),
        label,
        where,
        batch,
        unless,
        async,
        callback,
        server);
  }

  /** The parameter a {@code [server: n]} option names, from 1. */
  private static int serverParam(String where, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CatalogueException(
        where + ": [server: n] names a parameter by its position from 1, got: " + value);
  }

  /** This catalogue's entries followed by {@code later}'s, which win ties. */
  public Catalogue plus(Catalogue later) {
    List<CatalogueEntry> all = new ArrayList<>(entries);
    all.addAll(later.entries);
    return new Catalogue(all);
  }

  public List<CatalogueEntry> entries() {
    return entries;
  }

  /**
   * Equal entries in the same order: the same catalogue, however often the file was read (each
   * check instance reads its own), so the checks of one compilation share their state.
   */
  @Override
  public boolean equals(Object other) {
    return other == this
        || (other instanceof Catalogue that && hash == that.hash && entries.equals(that.entries));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * The owners of the entries that may match a call of a method named {@code name}: a call can
   * match only when its receiver's type or the method's owner is one of them or a subtype of one. A
   * cheap test before a call is read.
   */
  public Set<String> ownersOf(String name) {
    return ownersOf(name, EnumSet.allOf(WaitTag.class));
  }

  /**
   * The owners of the entries that may match a method named {@code name} with one of these tags.
   */
  public Set<String> ownersOf(String name, Set<WaitTag> tags) {
    Set<String> owners = new HashSet<>();
    for (CatalogueEntry e : byName.getOrDefault(name, List.of())) {
      if (tags.contains(e.tag())) {
        owners.add(e.owner());
      }
    }
    for (CatalogueEntry e : byName.getOrDefault("*", List.of())) {
      if (e.matchesName(name) && tags.contains(e.tag())) {
        owners.add(e.owner());
      }
    }
    return owners;
  }

  /**
   * Whether a call of {@code method} (as a receiver's chain names it: its declaring type) starts a
   * round trip and returns a future of the reply: an {@code [async]} entry of that type matches it.
   */
  public boolean startsRoundTrip(MethodRef method) {
    List<CatalogueEntry> candidates = new ArrayList<>();
    candidates.addAll(byName.getOrDefault(method.name(), List.of()));
    candidates.addAll(byName.getOrDefault("*", List.of()));
    for (CatalogueEntry entry : candidates) {
      if (entry.async()
          && !entry.exactReceiver()
          && entry.owner().equals(method.owner())
          && entry.matchesName(method)
          && entry.matchesParams(method)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a call of a method so named may start a request per call ({@link #request}): the names
   * of the {@code [async]} and {@code [callback]} entries, a set built once. A family ({@code
   * prefix*}, {@code *}) is not among them: a fan-out reader's filter must be a name lookup.
   */
  public boolean mayStartRequest(String name) {
    return requestNames.contains(name);
  }

  /**
   * The owners of the {@code [async]} and {@code [callback]} entries named {@code name}: a call can
   * start a request only when its method's owner or a type the catalogue knows it by is one of
   * them.
   */
  public Set<String> requestOwnersOf(String name) {
    return requestOwners.getOrDefault(name, Set.of());
  }

  /**
   * The entry by which a call of {@code target} starts a round trip and returns at once, its reply
   * a future ({@code [async]}) or a callback ({@code [callback]}), when the most specific entry
   * that matches it by name, parameters and owner ({@code target}'s declaring type or one of {@code
   * matchOwners}) is such an entry with an exact name. Entries for an exact receiver type are not
   * asked: the call's receiver is not at hand here.
   */
  public Optional<CatalogueEntry> request(MethodRef target, Set<String> matchOwners) {
    if (!requestNames.contains(target.name())) {
      return Optional.empty();
    }
    CatalogueEntry best = null;
    for (List<CatalogueEntry> candidates :
        List.of(
            byName.getOrDefault(target.name(), List.of()), byName.getOrDefault("*", List.of()))) {
      for (CatalogueEntry entry : candidates) {
        if (entry.exactReceiver()
            || !entry.matchesName(target)
            || !entry.matchesParams(target)
            || !(entry.owner().equals(target.owner()) || matchOwners.contains(entry.owner()))) {
          continue;
        }
        if (best == null || entry.specificity() >= best.specificity()) {
          best = entry;
        }
      }
    }
    return best != null && (best.async() || best.callback()) && !best.name().endsWith("*")
        ? Optional.of(best)
        : Optional.empty();
  }

  /** The most specific entry for the call, if any. */
  public Optional<CatalogueEntry> match(CallSite call) {
    MethodRef target = call.target();
    CatalogueEntry best = null;
    best = better(best, byName.get(target.name()), call);
    if (familyOwners.contains(target.owner())
        || familyOwners.contains(call.receiver().type())
        || !Collections.disjoint(familyOwners, call.matchOwners())) {
      best = better(best, byName.get("*"), call);
    }
    return Optional.ofNullable(best);
  }

  private static CatalogueEntry better(
      CatalogueEntry best, List<CatalogueEntry> candidates, CallSite call) {
    if (candidates == null) {
      return best;
    }
    for (CatalogueEntry entry : candidates) {
      if (!entry.matchesName(call.target())
          || !entry.matchesParams(call.target())
          || entry.ruledOutBy(call.receiver().producers())) {
        continue;
      }
      boolean ownerMatches =
          entry.exactReceiver()
              ? entry.owner().equals(call.receiver().type())
              : entry.owner().equals(call.target().owner())
                  || call.matchOwners().contains(entry.owner());
      if (!ownerMatches) {
        continue;
      }
      if (best == null || entry.specificity() >= best.specificity()) {
        best = entry;
      }
    }
    return best;
  }
}
