package dev.lockstep.classfiles;

import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.read.UrlOrigins;

/**
 * Streams and URLs a library opens on this machine: a classpath resource, a file. Reading them is
 * no round trip, though the stream is typed {@code InputStream} like a socket's (the source front
 * ends tell them apart with {@code UrlOrigins}; bytecode gives the same answer from the calls that
 * made the receiver).
 */
final class LocalResources {
  private LocalResources() {}

  static boolean isLocal(Receiver receiver) {
    return receiver.kind() == ReceiverKind.FRESH
        && receiver.producers().stream().anyMatch(LocalResources::opensLocally);
  }

  private static boolean opensLocally(MethodRef call) {
    return UrlOrigins.isLocalResource(call)
        || (call.owner().equals("java.nio.file.Files") && call.name().startsWith("new"));
  }
}
