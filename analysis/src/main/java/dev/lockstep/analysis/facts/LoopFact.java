package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * One loop, as a front end reads it.
 *
 * @param kind the loop's shape
 * @param location where the loop starts (its keyword, or the stream call)
 * @param iterated the source text of what is iterated ({@code groups}, {@code client.groups()})
 * @param itemName the item variable's name, empty if there is none
 * @param knownSize the number of items when the source states it ({@code List.of(a, b, c)}, an
 *     array initialiser)
 * @param calls the calls one iteration makes, with receivers relative to the iteration
 * @param outerWrites variables declared outside the loop that the body assigns
 * @param exits ways out of the loop before the items run out
 * @param enclosingMarks intent annotations on the enclosing method and types ({@code @Sequential})
 * @param fix what the front end knows about rewriting the loop
 */
public record LoopFact(
    LoopKind kind,
    Location location,
    String iterated,
    String itemName,
    OptionalInt knownSize,
    List<CallSite> calls,
    List<OuterWrite> outerWrites,
    List<Exit> exits,
    Marks enclosingMarks,
    FixFacts fix) {
  public LoopFact {
    requireNonNull(kind, "kind");
    requireNonNull(location, "location");
    requireNonNull(iterated, "iterated");
    requireNonNull(itemName, "itemName");
    requireNonNull(knownSize, "knownSize");
    calls = List.copyOf(calls);
    outerWrites = List.copyOf(outerWrites);
    exits = List.copyOf(exits);
    requireNonNull(enclosingMarks, "enclosingMarks");
    requireNonNull(fix, "fix");
  }
}
