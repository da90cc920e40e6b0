/** Findings: what rules report, with the numbers and the fix plan every writer renders. */
package dev.lockstep.analysis.finding;
