package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;
import static dev.lockstep.analysis.Fixtures.SEND;
import static dev.lockstep.analysis.Fixtures.SLEEP;
import static dev.lockstep.analysis.Fixtures.at;
import static dev.lockstep.analysis.Fixtures.call;
import static dev.lockstep.analysis.Fixtures.loop;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.Exit;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.LoopFact;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.OuterWrite;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.finding.Cost;
import dev.lockstep.analysis.finding.FixPlan;
import dev.lockstep.analysis.rules.LoopVerdict;
import dev.lockstep.analysis.rules.SerialAwaitRule;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.Summaries;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class SerialAwaitRuleTest {
  private static final MethodRef GET = MethodRef.of("java.util.concurrent.Future", "get");
  private static final MethodRef SUBMIT =
      MethodRef.of(
          "java.util.concurrent.ExecutorService", "submit", "java.util.concurrent.Callable");
  private static final MethodRef LIST_GET = MethodRef.of("java.util.List", "get", "int");

  private final SerialAwaitRule rule =
      new SerialAwaitRule(
          new Summaries(m -> Optional.empty(), new CallJudge(Catalogue.builtin()), 6), 5);

  private static LoopFact with(LoopFact l, List<OuterWrite> writes, List<Exit> exits, Marks marks) {
    return new LoopFact(
        l.kind(),
        l.location(),
        l.iterated(),
        l.itemName(),
        l.knownSize(),
        l.calls(),
        writes,
        exits,
        marks,
        l.fix());
  }

  private LoopVerdict.Reason cleanReason(LoopFact l) {
    LoopVerdict verdict = rule.judge(l);
    assertThat(verdict).isInstanceOf(LoopVerdict.Clean.class);
    return ((LoopVerdict.Clean) verdict).reason();
  }

  @Test
  void flagsAWaitPerItemWithCostAndFix() {
    LoopVerdict verdict = rule.judge(loop(call(SEND, 11), call(SEND, 12)));
    assertThat(verdict).isInstanceOf(LoopVerdict.Flagged.class);
    var finding = ((LoopVerdict.Flagged) verdict).finding();
    assertThat(finding.message())
        .isEqualTo(
            "loop over 'items' waits 2× per item (HttpClient.send at A.java:11; HttpClient.send"
                + " at A.java:12): N items cost ≈ 2·N round trips. Independent items can run in"
                + " a bounded window: BoundedWindow.of(5) cuts that to ≈ 2·⌈N/5⌉. The suggested"
                + " fix runs the body with BoundedWindow.of(5).forEach.");
    assertThat(finding.fix()).isEqualTo(new FixPlan.Rewrite(FixPlan.Shape.FOR_EACH, 5, ""));
    assertThat(finding.location()).isEqualTo(at(10));
  }

  @Test
  void costArithmetic() {
    Cost known = new Cost(2, OptionalInt.of(50), 5);
    assertThat(known.serialRoundTrips()).hasValue(100);
    assertThat(known.windowedRoundTrips()).hasValue(20);
    assertThat(known.renderWindowed()).isEqualTo("≈ 2·⌈50/5⌉ = 20");
    assertThat(new Cost(1, OptionalInt.of(7), 5).windowedRoundTrips()).hasValue(2);
    assertThat(new Cost(1, OptionalInt.empty(), 5).renderSerial())
        .isEqualTo("N items cost ≈ N round trips");
  }

  @Test
  void futuresCountOnlyWhenStartedInTheIteration() {
    Receiver started =
        Receiver.fresh("java.util.concurrent.Future", Optional.of(SUBMIT), ReceiverKind.FIELD);
    assertThat(rule.judge(loop(call(GET, started, 11)))).isInstanceOf(LoopVerdict.Flagged.class);
    Receiver item = Receiver.of(ReceiverKind.LOOP_ITEM, "f", "java.util.concurrent.Future");
    assertThat(cleanReason(loop(call(GET, item, 11)))).isEqualTo(LoopVerdict.Reason.NO_WAIT);
    Receiver fromList =
        Receiver.fresh("java.util.concurrent.Future", Optional.of(LIST_GET), ReceiverKind.LOCAL);
    assertThat(cleanReason(loop(call(GET, fromList, 11)))).isEqualTo(LoopVerdict.Reason.NO_WAIT);
  }

  @Test
  void independenceRules() {
    LoopFact base = loop(call(SEND, 11));
    assertThat(
            cleanReason(
                with(
                    base,
                    List.of(new OuterWrite("cursor", false, true, false, false)),
                    List.of(),
                    Marks.NONE)))
        .isEqualTo(LoopVerdict.Reason.LOOP_CARRIED);
    // A reduction, and a write before every read, are not loop-carried.
    assertThat(
            rule.judge(
                with(
                    base,
                    List.of(new OuterWrite("total", false, false, false, true)),
                    List.of(),
                    Marks.NONE)))
        .isInstanceOf(LoopVerdict.Flagged.class);
    assertThat(
            rule.judge(
                with(
                    base,
                    List.of(new OuterWrite("r", false, true, true, false)),
                    List.of(),
                    Marks.NONE)))
        .isInstanceOf(LoopVerdict.Flagged.class);
    assertThat(
            cleanReason(
                with(base, List.of(), List.of(new Exit(Exit.Kind.RETURN, at(12))), Marks.NONE)))
        .isEqualTo(LoopVerdict.Reason.EARLY_EXIT);
    assertThat(cleanReason(with(base, List.of(), List.of(), Marks.of(Mark.SEQUENTIAL))))
        .isEqualTo(LoopVerdict.Reason.SEQUENTIAL);
    assertThat(cleanReason(loop(call(SEND, 11), call(SLEEP, Receiver.none(), 12))))
        .isEqualTo(LoopVerdict.Reason.PACED);
  }

  @Test
  void sharedChannelIsLoopCarried() {
    MethodRef execute = MethodRef.of("java.sql.PreparedStatement", "executeQuery");
    Receiver shared = Receiver.of(ReceiverKind.LOCAL, "ps", "java.sql.PreparedStatement");
    assertThat(cleanReason(loop(call(execute, shared, 11))))
        .isEqualTo(LoopVerdict.Reason.SHARED_CHANNEL);
    Receiver perItem =
        Receiver.fresh(
            "java.sql.PreparedStatement",
            Optional.of(
                MethodRef.of("java.sql.Connection", "prepareStatement", "java.lang.String")),
            ReceiverKind.LOOP_ITEM);
    assertThat(rule.judge(loop(call(execute, perItem, 11))))
        .isInstanceOf(LoopVerdict.Flagged.class);
  }

  @Test
  void notALoopOverItemsAndNoFixWithoutWindow() {
    LoopFact other =
        new LoopFact(
            LoopKind.OTHER,
            at(1),
            "",
            "",
            OptionalInt.empty(),
            List.of(call(SEND, 2)),
            List.of(),
            List.of(),
            Marks.NONE,
            FixFacts.NONE);
    assertThat(cleanReason(other)).isEqualTo(LoopVerdict.Reason.NOT_OVER_ITEMS);
    LoopFact base = loop(call(SEND, 11));
    LoopFact noWindow =
        new LoopFact(
            base.kind(),
            base.location(),
            base.iterated(),
            base.itemName(),
            OptionalInt.of(50),
            base.calls(),
            List.of(),
            List.of(),
            Marks.NONE,
            new FixFacts(
                false, false, false, Optional.empty(), Optional.empty(), Optional.empty()));
    var finding = ((LoopVerdict.Flagged) rule.judge(noWindow)).finding();
    assertThat(finding.fix()).isInstanceOf(FixPlan.NoRewrite.class);
    assertThat(finding.message()).contains("50 items cost ≈ 50 round trips");
    assertThat(finding.message()).contains("≈ ⌈50/5⌉ = 10");
    assertThat(finding.message()).contains("not on the classpath");
  }
}
