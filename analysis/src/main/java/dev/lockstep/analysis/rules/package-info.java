/** Rules: all the judgement, from facts and summaries to findings. No front-end types here. */
package dev.lockstep.analysis.rules;
