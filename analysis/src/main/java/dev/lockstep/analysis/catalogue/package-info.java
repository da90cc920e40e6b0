/**
 * The wait catalogue: which library calls wait, as data ({@code waits.tsv} in this package, plus
 * the user's file from {@code -XepOpt:Lockstep:CatalogueFile}).
 */
package dev.lockstep.analysis.catalogue;
