/**
 * Summaries: what each method does when called, computed once per compilation over the call graph
 * with a depth bound and a cycle-safe fixpoint ({@link dev.lockstep.analysis.summary.Summaries}),
 * and the judgement of a single call ({@link dev.lockstep.analysis.summary.CallJudge}).
 */
package dev.lockstep.analysis.summary;
