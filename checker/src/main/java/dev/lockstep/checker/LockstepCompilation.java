package dev.lockstep.checker;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.util.Context;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.rules.EffectiveParallelismRule;
import dev.lockstep.analysis.rules.SerialAwaitRule;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.Summaries;

/**
 * Everything Lockstep keeps for one compilation: the facts read so far, the method summaries and
 * the rule. Stored in javac's {@link Context} (one per compilation), so the whole build reads each
 * method body once and summarises it once, whichever file's loop asked first; it is dropped with
 * the compilation.
 */
final class LockstepCompilation {
  private static final Context.Key<LockstepCompilation> KEY = new Context.Key<>();

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

  static LockstepCompilation of(VisitorState state, LockstepConfig config) {
    Context context = state.context;
    LockstepCompilation known = context.get(KEY);
    if (known == null || !known.config.equals(config)) {
      // A second check instance with other flags in one compilation gets its own state.
      known = new LockstepCompilation(context, config);
      if (context.get(KEY) == null) {
        context.put(KEY, known);
      }
    }
    return known;
  }
}
