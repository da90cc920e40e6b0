package dev.lockstep.analysis.catalogue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Client stubs that code generators write, known to the catalogue by a name their generated types
 * do not carry. protoc with {@code java_generic_services} generates, inside each service's class
 * ({@code MasterProtos.MasterService}, a subclass of protobuf's {@code Service}), an interface
 * {@code BlockingInterface} with one method per RPC and its only implementation, the private {@code
 * BlockingStub}, whose every method is {@code channel.callBlockingMethod(...)}: a request and its
 * reply over a {@code BlockingRpcChannel}. The interface extends nothing, so no catalogue entry of
 * a protobuf type would match a call on it; the front ends add {@link #owner} to such a call's
 * match owners and the catalogue lists that name ({@code waits.tsv}, "protobuf generated blocking
 * stubs"). gRPC's generated {@code *BlockingStub}s extend {@code AbstractBlockingStub}, which the
 * catalogue lists directly.
 *
 * <p>Only a call whose receiver's static type is an interface counts: a server's class that
 * implements {@code BlockingInterface} (HBase's {@code RSRpcServices}) runs the RPC in process.
 */
public final class GeneratedStubs {
  /** protobuf-java's {@code Service}, and HBase's shaded copy of it. */
  public static final List<String> PROTOBUF_SERVICES =
      List.of(
          "com.google.protobuf.Service", "org.apache.hbase.thirdparty.com.google.protobuf.Service");

  /** The simple name of the generated blocking interface. */
  public static final String BLOCKING_INTERFACE = "BlockingInterface";

  private GeneratedStubs() {}

  /** The name the catalogue knows the blocking interfaces of subclasses of {@code service} by. */
  public static String owner(String service) {
    return service + "." + BLOCKING_INTERFACE;
  }

  /**
   * The catalogue name of a call on a method of {@code declaringType}, when that type is a
   * protobuf-generated {@code BlockingInterface}: a member type so named of a class implementing
   * one of {@link #PROTOBUF_SERVICES}.
   *
   * @param declaringType the canonical name of the method's declaring type
   * @param interfaceReceiver whether the receiver's static type is an interface
   * @param closureOf the canonical names of a type (by canonical name) and all its supertypes
   */
  public static Optional<String> knownAs(
      String declaringType, boolean interfaceReceiver, Function<String, Set<String>> closureOf) {
    String suffix = "." + BLOCKING_INTERFACE;
    if (!interfaceReceiver || !declaringType.endsWith(suffix)) {
      return Optional.empty();
    }
    Set<String> service =
        closureOf.apply(declaringType.substring(0, declaringType.length() - suffix.length()));
    return PROTOBUF_SERVICES.stream().filter(service::contains).findFirst().map(s -> owner(s));
  }
}
