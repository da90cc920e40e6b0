package dev.lockstep.analysis;

import static com.google.common.truth.Truth.assertThat;
import static dev.lockstep.analysis.Fixtures.SEND;
import static dev.lockstep.analysis.Fixtures.body;
import static dev.lockstep.analysis.Fixtures.call;
import static dev.lockstep.analysis.Fixtures.method;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.MethodSummary;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitChain;
import dev.lockstep.analysis.summary.WaitFreeBodies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SummariesTest {
  private final Map<MethodRef, MethodFacts> program = new HashMap<>();
  private final Map<MethodRef, Integer> reads = new HashMap<>();

  private Summaries summaries(int maxDepth) {
    return new Summaries(
        m -> {
          reads.merge(m, 1, Integer::sum);
          return Optional.ofNullable(program.get(m));
        },
        new CallJudge(Catalogue.builtin()),
        maxDepth);
  }

  private void define(MethodFacts facts) {
    program.put(facts.method(), facts);
  }

  @Test
  void recursionReachesAFixpointWithTheShortestChain() {
    // a -> b -> a (cycle); b -> c -> send; a -> d -> e -> c -> send (longer)
    define(body(method("a"), call(method("b"), 2), call(method("d"), 3)));
    define(body(method("b"), call(method("a"), 4), call(method("c"), 5)));
    define(body(method("c"), call(SEND, 6)));
    define(body(method("d"), call(method("e"), 7)));
    define(body(method("e"), call(method("c"), 8)));
    define(body(method("spin"), call(method("spin"), 9)));
    Summaries s = summaries(6);

    MethodSummary a = s.of(method("a"));
    assertThat(a.waitChain().map(WaitChain::render))
        .hasValue("b at A.java:2 -> c at A.java:5 -> HttpClient.send at A.java:6");
    assertThat(s.of(method("b")).waitChain().map(WaitChain::length)).hasValue(2);
    assertThat(s.of(method("e")).waitChain().map(WaitChain::length)).hasValue(2);
    assertThat(s.of(method("spin")).waits()).isFalse();
  }

  @Test
  void everyBodyIsReadOnceAndSummariesAreCached() {
    define(body(method("a"), call(method("b"), 2)));
    define(body(method("b"), call(method("a"), 3), call(SEND, 4)));
    Summaries s = summaries(6);
    MethodSummary first = s.of(method("a"));
    assertThat(s.of(method("a"))).isSameInstanceAs(first);
    s.of(method("b"));
    assertThat(reads.get(method("a"))).isEqualTo(1);
    assertThat(reads.get(method("b"))).isEqualTo(1);
    assertThat(s.bodiesRead()).isEqualTo(2);
  }

  /**
   * A body the front end knows reaches no wait within the budget asked is not read for its chains,
   * nor are the bodies below it; what the summaries read, they tell the front end, with the budget
   * each was read within (ADR 0029).
   */
  @Test
  void aBodyKnownToBeWaitFreeIsNotRead() {
    define(body(method("a"), call(method("quiet"), 2), call(method("b"), 3)));
    define(body(method("quiet"), call(method("plain"), 4)));
    define(body(method("plain")));
    define(body(method("b"), call(SEND, 5)));
    List<String> told = new ArrayList<>();
    Summaries s =
        new Summaries(
            m -> {
              reads.merge(m, 1, Integer::sum);
              return Optional.ofNullable(program.get(m));
            },
            new CallJudge(Catalogue.builtin()),
            6,
            new WaitFreeBodies() {
              @Override
              public boolean cannotWaitWithin(MethodRef method, int budget) {
                return method.equals(method("quiet"));
              }

              @Override
              public void found(MethodRef method, int budget, boolean waitFree) {
                told.add(method.name() + " within " + budget + (waitFree ? ": none" : ": waits"));
              }
            });

    assertThat(s.mayWait(method("a"), WaitFreeBodies.TAGS)).isTrue();
    assertThat(reads.keySet()).containsExactly(method("a"), method("b"));
    assertThat(told).containsExactly("b within 5: waits", "a within 6: waits").inOrder();
    assertThat(summaries(6).of(method("a")).waitChain().map(WaitChain::render))
        .isEqualTo(s.of(method("a")).waitChain().map(WaitChain::render));
  }

  @Test
  void depthBoundsTheChain() {
    // a -> b -> c -> send: 3 hops from a.
    define(body(method("a"), call(method("b"), 2)));
    define(body(method("b"), call(method("c"), 3)));
    define(body(method("c"), call(SEND, 4)));
    assertThat(summaries(3).of(method("a")).waits()).isTrue();
    Summaries two = summaries(2);
    assertThat(two.of(method("a")).waits()).isFalse();
    assertThat(two.of(method("b")).waits()).isTrue();
    assertThat(summaries(0).evaluate(call(method("c"), 1)).waitChain()).isEmpty();
  }

  @Test
  void serializedResourcesAreTrackedApart() {
    define(body(method("modem"), call(SEND, 2)));
    define(
        body(
            method("a"),
            call(method("modem"), 3)
                .withMarks(Marks.of(Mark.SERIALIZED_RESOURCE), Marks.NONE, Marks.NONE)));
    MethodSummary a = summaries(6).of(method("a"));
    assertThat(a.waits()).isFalse();
    assertThat(a.serializedWait().map(WaitChain::render))
        .hasValue("modem at A.java:3 -> HttpClient.send at A.java:2");
  }

  @Test
  void nonBlockingStopsTheWalk() {
    define(body(method("cached"), call(SEND, 2)));
    define(
        body(
            method("a"),
            call(method("cached"), 3)
                .withMarks(Marks.of(Mark.NON_BLOCKING), Marks.NONE, Marks.NONE)));
    assertThat(summaries(6).of(method("a")).waits()).isFalse();
  }

  @Test
  void aQueryReadsOnlyTheBodiesWithinTheDepth() {
    // a -> b -> c -> d -> send: the wait is 4 calls down from a.
    define(body(method("a"), call(method("b"), 2)));
    define(body(method("b"), call(method("c"), 3)));
    define(body(method("c"), call(method("d"), 4)));
    define(body(method("d"), call(SEND, 5)));
    define(body(method("unrelated"), call(SEND, 6)));

    // Within 2 hops of a loop's call of a, only a's and b's bodies can hold a wait that counts.
    assertThat(summaries(2).evaluate(call(method("a"), 1)).waitChain()).isEmpty();
    assertThat(reads.keySet()).containsExactly(method("a"), method("b"));

    reads.clear();
    assertThat(summaries(4).evaluate(call(method("a"), 1)).waitChain().map(WaitChain::length))
        .hasValue(5);
    assertThat(reads.keySet()).containsExactly(method("a"), method("b"), method("c"), method("d"));
  }

  @Test
  void anAnswerWithinASmallBudgetIsNotTakenForALargerOne() {
    // d -> a -> b -> c -> send. Asking about d first sees a with 2 hops left: no wait there yet.
    define(body(method("d"), call(method("a"), 2)));
    define(body(method("a"), call(method("b"), 3)));
    define(body(method("b"), call(method("c"), 4)));
    define(body(method("c"), call(SEND, 5)));
    Summaries s = summaries(3);
    assertThat(s.of(method("d")).waits()).isFalse();
    assertThat(s.of(method("a")).waitChain().map(WaitChain::render))
        .hasValue("b at A.java:3 -> c at A.java:4 -> HttpClient.send at A.java:5");
    assertThat(s.of(method("b")).waitChain().map(WaitChain::length)).hasValue(2);
  }

  @Test
  void tiesGoToTheFirstCallWhicheverMethodIsAskedFirst() {
    // a calls b, then c; each waits one call down.
    define(body(method("a"), call(method("b"), 2), call(method("c"), 3)));
    define(body(method("b"), call(SEND, 4)));
    define(body(method("c"), call(SEND, 5)));
    String expected = "b at A.java:2 -> HttpClient.send at A.java:4";

    Summaries calleeFirst = summaries(6);
    calleeFirst.of(method("c"));
    assertThat(calleeFirst.of(method("a")).waitChain().map(WaitChain::render)).hasValue(expected);
    assertThat(summaries(6).of(method("a")).waitChain().map(WaitChain::render)).hasValue(expected);
  }
}
