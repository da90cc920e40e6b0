package dev.lockstep.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.api.MultiTaskListener;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.model.JavacElements;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.Log;
import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.facts.FanOut;
import dev.lockstep.analysis.read.PipelineReader;
import dev.lockstep.analysis.rules.BlockingOnCommonPoolRule;
import dev.lockstep.analysis.rules.EffectiveParallelismRule;
import dev.lockstep.analysis.rules.LockHeldAcrossWaitRule;
import dev.lockstep.analysis.rules.PipelineVerdict;
import dev.lockstep.analysis.rules.SerialAwaitRule;
import dev.lockstep.analysis.rules.SerialFanOutRule;
import dev.lockstep.analysis.rules.UnboundedFanOutRule;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.FactsSource;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitFreeBodies;
import dev.lockstep.classfiles.ClassFileFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.tools.JavaFileManager;

/**
 * Everything Lockstep keeps for one compilation: the facts read so far, the method summaries, the
 * rules and the pipelines judged. Stored in javac's {@link Context} (one per compilation), so the
 * whole build reads each method body once and summarises it once, whichever file's loop asked
 * first; it is dropped with the compilation. The facts do not depend on the flags, so every config
 * shares them; summaries and judgements do, so each config has its own.
 */
final class LockstepCompilation {
  private static final Context.Key<States> KEY = new Context.Key<>();

  /** The states of one compilation, by config; looked up on every matched tree. */
  private static final class States {
    JavacFacts facts;
    JavacClassSource classFiles;
    final Map<LockstepConfig, LockstepCompilation> byConfig = new HashMap<>();
    // Each check instance asks with its own config object: a lookup by identity first spares
    // hashing and comparing the config (a record holding the catalogue) on every call.
    final IdentityHashMap<LockstepConfig, LockstepCompilation> byInstance = new IdentityHashMap<>();

    /** The library facts of each config, kept for the next build when the compilation ends. */
    final List<ClassFileFacts> libraries = new ArrayList<>();

    /** Keeps what each config read of the libraries (ADR 0019); never fails the compilation. */
    void keepLibraryFacts() {
      for (ClassFileFacts library : libraries) {
        library.save();
      }
    }
  }

  final JavacFacts facts;
  final Summaries summaries;
  final SerialAwaitRule serialAwait;
  final EffectiveParallelismRule parallelism;
  final SerialFanOutRule serialFanOut;

  /** SerialFanOut's test before it lowers a method: two statements in a row that may wait. */
  final StatementsThatMayWait statementsThatMayWait;

  /** SerialAwaitInLoop's test before it lowers a loop: a call that may wait. */
  final StatementsThatMayWait loopsThatMayWait;

  /**
   * The summaries' test before they lower a body of the sources for its chains: whether a call in
   * it may wait with any tag a verdict waits with, within the budget they ask. On connect-runtime
   * most bodies the summaries lowered reached no wait (ADR 0029).
   */
  final StatementsThatMayWait bodiesThatMayWait;

  final UnboundedFanOutRule unboundedFanOut;
  final BlockingOnCommonPoolRule blockingOnCommonPool;
  final LockHeldAcrossWaitRule lockHeldAcrossWait;
  final LockstepConfig config;
  boolean configErrorReported;

  /**
   * The pipelines judged so far, by the call that sets them up: FakeConcurrency and OversizedWindow
   * both visit each call, and the second one reuses the first one's judgement.
   */
  final IdentityHashMap<Tree, JudgedPipeline> pipelines = new IdentityHashMap<>();

  /** The fan-outs read so far, by the call that starts them: two checks visit each call. */
  final IdentityHashMap<Tree, Optional<FanOut>> fanOuts = new IdentityHashMap<>();

  /** A pipeline as read and the rule's verdict on it. */
  record JudgedPipeline(PipelineReader.ReadPipeline read, PipelineVerdict verdict) {}

  private LockstepCompilation(
      JavacFacts facts, States states, Iterable<ClassSymbol> classes, LockstepConfig config) {
    this.config = config;
    this.facts = facts;
    // Library methods (dependency jars) have no tree: their class files stand in. They are read
    // with this config's catalogue, which decides what counts as a wait inside a library.
    FactsSource bodies = facts;
    ClassFileFacts library = null;
    if (ClassFileFacts.enabled()) {
      library = new ClassFileFacts(states.classFiles, config.catalogue(), config.maxDepth());
      states.libraries.add(library);
      bodies = ClassFileFacts.behind(facts, library);
    }
    JavacWaitFreeBodies waitFree = new JavacWaitFreeBodies(facts, library, config.maxDepth());
    this.summaries =
        new Summaries(bodies, new CallJudge(config.catalogue()), config.maxDepth(), waitFree);
    // The pre-tests' question about a library method depends only on the class path, the
    // catalogue and the depth: its answer is kept per class path with the facts (ADR 0027).
    StatementsThatMayWait.LibraryAnswers libraryAnswers = summaries::mayWait;
    if (library != null) {
      ClassFileFacts kept = library;
      // Each test asks with its own tags: the question's text is made once per set.
      Map<Set<WaitTag>, String> questions = new HashMap<>();
      libraryAnswers =
          (method, tags) ->
              kept.answer(
                  method,
                  questions.computeIfAbsent(tags, t -> "mayWait " + t.stream().sorted().toList()),
                  () -> summaries.mayWait(method, tags));
    }
    this.serialAwait = new SerialAwaitRule(summaries, config.window());
    this.parallelism = new EffectiveParallelismRule(summaries, config.cores());
    this.serialFanOut = new SerialFanOutRule(summaries);
    // One index of the sources' overrides for the pre-tests: each built its own.
    SourceOverrides overrides = new SourceOverrides(classes, facts.names().types());
    StatementsThatMayWait.LibraryAnswers answers = libraryAnswers;
    Function<Set<WaitTag>, StatementsThatMayWait> test =
        tags ->
            new StatementsThatMayWait(
                facts,
                facts.names().types(),
                overrides,
                config.catalogue(),
                answers,
                tags,
                config.maxDepth());
    this.statementsThatMayWait = test.apply(SerialFanOutRule.GROUPED);
    this.loopsThatMayWait = test.apply(SerialAwaitRule.COUNTED);
    this.bodiesThatMayWait = test.apply(WaitFreeBodies.TAGS);
    statementsThatMayWait.answerNoFrom(loopsThatMayWait); // its tags include SerialFanOut's
    loopsThatMayWait.answerNoFrom(bodiesThatMayWait); // and its tags the loop test's
    waitFree.testSourcesWith(bodiesThatMayWait);
    this.unboundedFanOut = new UnboundedFanOutRule(summaries, parallelism, config.window());
    this.blockingOnCommonPool =
        new BlockingOnCommonPoolRule(summaries, parallelism, config.window());
    this.lockHeldAcrossWait = new LockHeldAcrossWaitRule(summaries);
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
        if (states.facts == null) {
          JavacNames names = new JavacNames(com.sun.tools.javac.code.Types.instance(context));
          states.facts =
              new JavacFacts(names, JavacTrees.instance(context), JavacElements.instance(context));
          states.classFiles = new JavacClassSource(context.get(JavaFileManager.class));
          States ending = states;
          MultiTaskListener.instance(context)
              .add(
                  new TaskListener() {
                    @Override
                    public void finished(TaskEvent e) {
                      if (e.getKind() == TaskEvent.Kind.COMPILATION) {
                        ending.keepLibraryFacts();
                      }
                    }
                  });
        }
        known =
            new LockstepCompilation(
                states.facts, states, SourceOverrides.classesOf(context), config);
        states.byConfig.put(config, known);
      }
      states.byInstance.put(config, known);
    }
    return known;
  }

  /**
   * Reports a configuration error once per compilation, on the first file, as a real javac error
   * whatever the check's severity: a flag or catalogue the user wrote must not be silently ignored,
   * and Error Prone lets no check raise its own severity. javac's generic "{0}" error (the one
   * annotation processors' Messager uses) carries the message.
   */
  static Description reportConfigError(
      String check, ErrorProneLockstepConfig config, CompilationUnitTree tree, VisitorState state) {
    if (config.error().isEmpty()) {
      return Description.NO_MATCH;
    }
    LockstepCompilation compilation = of(state, config.config());
    if (compilation.configErrorReported) {
      return Description.NO_MATCH;
    }
    compilation.configErrorReported = true;
    Log.instance(state.context)
        .error(
            (JCDiagnostic.DiagnosticPosition) tree,
            new JCDiagnostic.Error(
                "compiler", "proc.messager", "[" + check + "] " + config.error().orElseThrow()));
    return Description.NO_MATCH;
  }
}
