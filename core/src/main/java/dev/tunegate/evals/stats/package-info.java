/**
 * The statistics behind eval histories and golden-set regressions, each returning an estimate with
 * its interval and the name of its method: Wilson score intervals for accuracy
 * ({@link dev.tunegate.evals.stats.WilsonScore}), seeded percentile bootstrap for mean scores
 * ({@link dev.tunegate.evals.stats.Bootstrap}), the exact McNemar test for paired pass/fail
 * ({@link dev.tunegate.evals.stats.McNemarTest}), a seeded paired sign-flip permutation test for
 * paired scores ({@link dev.tunegate.evals.stats.PairedPermutationTest}), Newcombe's hybrid score
 * interval for a difference of paired proportions ({@link dev.tunegate.evals.stats.PairedProportionDifference})
 * and the items a paired non-inferiority comparison needs ({@link dev.tunegate.evals.stats.NonInferioritySampleSize}).
 * Distributions come from Apache Commons Math; every random step takes an explicit seed.
 *
 * <p>Must not import: assess, audit, cost, dataops, retrieval, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.evals.stats;
