/**
 * Facts: what a front end reads off source, with no judgement. Both front ends (javac trees in the
 * checker, JavaParser in the scanner) produce these same types; everything that decides lives in
 * {@code summary} and {@code rules}.
 */
package dev.lockstep.analysis.facts;
