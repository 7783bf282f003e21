/**
 * Benchmarks, not tests: JMH micro-benchmarks of the audit's hot loops ({@code SignBenchmark},
 * {@code TokenizeBenchmark}) and {@link dev.tunegate.bench.NearDupBench}, the end-to-end measurement
 * of near-duplicate detection (rows/s, MB/s, CPU time, peak RSS, index bytes per row, pairs for
 * scoring), {@link dev.tunegate.bench.InputReads}, the input files an assessment reads to hash them (a count),
 * and {@link dev.tunegate.bench.ShortTextEstimates}, the MinHash estimate's errors for texts of few shingles.
 * Built only with {@code -Pbench}; see docs/PERFORMANCE.md and bench/run-neardup.sh.
 */
package dev.tunegate.bench;
