package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.facts.FanOut;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.read.FanOutReader;
import dev.lockstep.analysis.read.FieldWriters;
import dev.lockstep.analysis.read.StraightLineReader;
import dev.lockstep.analysis.rules.BlockingOnCommonPoolRule;
import dev.lockstep.analysis.rules.EffectiveParallelismRule;
import dev.lockstep.analysis.rules.SerialFanOutRule;
import dev.lockstep.analysis.rules.UnboundedFanOutRule;
import dev.lockstep.analysis.summary.Summaries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SerialFanOut}, {@code UnboundedFanOut} and {@code BlockingOnCommonPool} in the scanner:
 * the same shared readers ({@link StraightLineReader}, {@link FanOutReader}) and rules the checker
 * runs, over each method of a file and each call that may start work (found from the syntax first,
 * so that only those cost a resolution).
 */
final class FanOutScan {
  private final JavaParserFacts facts;
  private final JpNames names;
  private final SerialFanOutRule serialFanOut;
  private final UnboundedFanOutRule unbounded;
  private final BlockingOnCommonPoolRule commonPool;
  private final FieldWriters fieldWriters;
  private final Catalogue catalogue;
  private FanOutReader fanOuts;

  FanOutScan(JavaParserFacts facts, JpNames names, Summaries summaries, LockstepConfig config) {
    this.facts = facts;
    this.fieldWriters = new FieldWriters(facts.readerDeclarations());
    this.names = names;
    this.catalogue = config.catalogue();
    EffectiveParallelismRule parallelism = new EffectiveParallelismRule(summaries, config.cores());
    this.serialFanOut = new SerialFanOutRule(summaries);
    this.unbounded = new UnboundedFanOutRule(summaries, parallelism, config.window());
    this.commonPool = new BlockingOnCommonPoolRule(summaries, parallelism, config.window());
  }

  List<FrontEnd.ScanFinding> scan(CompilationUnit unit) {
    List<FrontEnd.ScanFinding> findings = new ArrayList<>();
    for (CallableDeclaration<?> decl : unit.findAll(CallableDeclaration.class)) {
      if (hasBody(decl)
          && SerialFanOutRule.reads(decl.getNameAsString())
          && !JavaParserFacts.suppressed(decl, Checks.SERIAL_FAN_OUT)) {
        serialFanOut(decl, findings);
      }
    }
    for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
      if (FanOutReader.mayStart(call.getNameAsString(), catalogue) || saysParallel(call)) {
        fanOut(call, findings);
      }
    }
    return findings;
  }

  private static boolean hasBody(CallableDeclaration<?> decl) {
    return (decl instanceof MethodDeclaration m && m.getBody().isPresent())
        || decl instanceof ConstructorDeclaration;
  }

  private void serialFanOut(CallableDeclaration<?> decl, List<FrontEnd.ScanFinding> findings) {
    Node body = facts.lowered(decl).root();
    if (body == null) {
      return;
    }
    List<StraightLineReader.Run> runs =
        StraightLineReader.read(body, facts.methodScope(decl, body));
    if (runs.isEmpty()) {
      return;
    }
    List<Finding> found =
        serialFanOut.judge(
            runs,
            names.marksOf(decl).plus(names.enclosingTypeMarks(decl)),
            fieldWriters::writesFields);
    for (Finding finding : found) {
      findings.add(
          new FrontEnd.ScanFinding(
              finding, FrontEnd.member(decl), FrontEnd.snippet(decl.getName())));
    }
  }

  private void fanOut(MethodCallExpr call, List<FrontEnd.ScanFinding> findings) {
    CallableDeclaration<?> enclosing = JpNames.enclosingMethod(call);
    if (enclosing == null) {
      return;
    }
    JpLowering.Lowered method = facts.lowered(enclosing);
    if (!(method.of(call) instanceof Node.Call lowered) || method.root() == null) {
      return;
    }
    if (fanOuts == null) {
      // One reader for the scan: it keeps each method body's parents for the next call in it.
      fanOuts = new FanOutReader(facts.pipelines(), facts.readerDeclarations());
    }
    FanOutReader reader = fanOuts;
    Optional<FanOut> read =
        reader.read(lowered, () -> names.enclosing(enclosing, method.root()), catalogue);
    if (read.isEmpty()) {
      return;
    }
    for (Optional<Finding> finding :
        List.of(unbounded.judge(read.orElseThrow()), commonPool.judge(read.orElseThrow()))) {
      if (finding.isPresent() && !JavaParserFacts.suppressed(call, finding.orElseThrow().check())) {
        findings.add(
            new FrontEnd.ScanFinding(
                finding.orElseThrow(), FrontEnd.member(call), FrontEnd.snippet(call)));
      }
    }
  }

  private static boolean saysParallel(MethodCallExpr call) {
    for (Expression e = call;
        e instanceof MethodCallExpr c;
        e = c.getScope().map(Exprs::unwrap).orElse(null)) {
      if (StreamShapes.PARALLEL.contains(c.getNameAsString())) {
        return true;
      }
    }
    return false;
  }
}
