package dev.lockstep.checker;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.util.Context;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.rules.EffectiveParallelismRule;
import dev.lockstep.analysis.rules.SerialAwaitRule;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.Summaries;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Everything Lockstep keeps for one compilation: the facts read so far, the method summaries and
 * the rule. Stored in javac's {@link Context} (one per compilation), so the whole build reads each
 * method body once and summarises it once, whichever file's loop asked first; it is dropped with
 * the compilation.
 */
final class LockstepCompilation {
  private static final Context.Key<States> KEY = new Context.Key<>();

  /** The states of one compilation, by config; looked up on every matched tree. */
  private static final class States {
    final Map<LockstepConfig, LockstepCompilation> byConfig = new HashMap<>();
    // Each check instance asks with its own config object: a lookup by identity first spares
    // hashing and comparing the config (a record holding the catalogue) on every call.
    final IdentityHashMap<LockstepConfig, LockstepCompilation> byInstance = new IdentityHashMap<>();
  }

  final JavacFacts facts;
  final Summaries summaries;
  final SerialAwaitRule serialAwait;
  final EffectiveParallelismRule parallelism;
  final LockstepConfig config;
  boolean configErrorReported;

  private LockstepCompilation(Context context, LockstepConfig config) {
    this.config = config;
    JavacNames names = new JavacNames(com.sun.tools.javac.code.Types.instance(context));
    this.facts = new JavacFacts(names, JavacTrees.instance(context));
    this.summaries = new Summaries(facts, new CallJudge(config.catalogue()), config.maxDepth());
    this.serialAwait = new SerialAwaitRule(summaries, config.window());
    this.parallelism = new EffectiveParallelismRule(summaries, config.cores());
  }

  /**
   * The state for {@code config} in this compilation. Every check instance reads its own flags, so
   * their configs are equal but not the same object; equal configs share one state. A check with
   * other flags gets its own, kept for the compilation too (not rebuilt on every call).
   */
  static LockstepCompilation of(VisitorState state, LockstepConfig config) {
    Context context = state.context;
    States states = context.get(KEY);
    if (states == null) {
      states = new States();
      context.put(KEY, states);
    }
    LockstepCompilation known = states.byInstance.get(config);
    if (known == null) {
      known = states.byConfig.get(config);
      if (known == null) {
        known = new LockstepCompilation(context, config);
        states.byConfig.put(config, known);
      }
      states.byInstance.put(config, known);
    }
    return known;
  }
}
