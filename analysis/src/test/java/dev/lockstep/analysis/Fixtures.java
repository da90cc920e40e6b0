package dev.lockstep.analysis;

import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LoopFact;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Hand-built facts, as a front end would produce them. */
final class Fixtures {
  static final MethodRef SEND =
      MethodRef.of(
          "java.net.http.HttpClient",
          "send",
          "java.net.http.HttpRequest",
          "java.net.http.HttpResponse.BodyHandler");
  static final MethodRef SLEEP = MethodRef.of("java.lang.Thread", "sleep", "long");

  private Fixtures() {}

  static Location at(int line) {
    return new Location("A.java", line, 1);
  }

  static MethodRef method(String name) {
    return MethodRef.of("com.acme.A", name);
  }

  static CallSite call(MethodRef target, int line) {
    return CallSite.simple(
        target, Receiver.of(ReceiverKind.FIELD, "client", target.owner()), at(line));
  }

  static CallSite call(MethodRef target, Receiver receiver, int line) {
    return CallSite.simple(target, receiver, at(line));
  }

  static MethodFacts body(MethodRef method, CallSite... calls) {
    return MethodFacts.ofCalls(method, at(1), Arrays.asList(calls));
  }

  static LoopFact loop(CallSite... calls) {
    return new LoopFact(
        LoopKind.ENHANCED_FOR,
        at(10),
        "items",
        "item",
        OptionalInt.empty(),
        Arrays.asList(calls),
        List.of(),
        List.of(),
        Marks.NONE,
        new FixFacts(true, false, false, Optional.empty(), Optional.empty(), Optional.empty()));
  }
}
