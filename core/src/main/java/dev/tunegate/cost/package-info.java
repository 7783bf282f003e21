/**
 * The cost model: what a fine-tune costs to train and to run, what it saves per call, and in how
 * many weeks the savings repay it — the evidence behind FT-COST and FT-ONPREM (docs/RULES.md).
 *
 * <p>{@link dev.tunegate.cost.PriceCatalog} is the dated, user-overridable price catalog (read by
 * {@link dev.tunegate.cost.PriceCatalogReader}); {@link dev.tunegate.cost.CostModel} turns
 * {@link dev.tunegate.cost.CostInputs} into a {@link dev.tunegate.cost.CostReport} with pure,
 * decimal arithmetic for money; {@link dev.tunegate.cost.CostAnalyzer} measures the inputs from a
 * workspace (prompt files counted with the o200k_base tokenizer, the audit's and the retrieval
 * analyzer's token counts) and emits the measures. Formulas and assumptions: {@code docs/formats/cost.md}.
 *
 * <p>Must not import: assess, audit, dataops, evals, retrieval, record, report, pilot (the audit's token counts
 * arrive as evidence). Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.cost;
