/** Options, behind one interface, parsed once (NullAway's {@code Config} style). */
package dev.lockstep.analysis.config;
