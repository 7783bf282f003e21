package dev.tunegate.assess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.policy.Decision;
import dev.tunegate.policy.RuleId;
import dev.tunegate.policy.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's scenarios, end to end: a healthy baseline workspace that must give FINE_TUNE(LORA), then one change
 * each. Every row cites the sentence of the seed article it encodes; the workspaces are written into a temporary
 * folder by {@link SeedWorkspace} (seeded) and assessed through the whole pipeline (audit, evals, retrieval, cost, policy).
 */
class SeedScenariosTest {
    private static final Clock AS_OF = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);

    /** What a row checks besides the label. */
    interface Check {
        void on(Decision d);
    }

    static Arguments row(
            String name, String seedSentence, Consumer<SeedWorkspace> change, String expected, Check check) {
        return Arguments.of(name, seedSentence, change, expected, check);
    }

    static Arguments row(String name, String seedSentence, Consumer<SeedWorkspace> change, String expected) {
        return row(name, seedSentence, change, expected, d -> {});
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                row(
                        "healthy baseline: plateau on a recurring class, routing, 800 consistent reviewed pairs",
                        "Prompt engineering plateaus on a held-out eval set with the same error class repeating.",
                        w -> {},
                        "FINE_TUNE(LORA)",
                        d -> {
                            assertThat(d.rule(RuleId.FT_PLATEAU).verdict()).isEqualTo(Verdict.FIRED);
                            assertThat(d.reasons().get(0))
                                    .startsWith(
                                            "Prompting has plateaued: 3 iterations without a significant gain (needs 3); ")
                                    .contains("billing→account holds 75.0% of errors (needs 30.0%)");
                            // no retrieval and no on-prem requirement: those rules do not apply and are never
                            // "unsettled"
                            assertThat(d.rule(RuleId.FIX_ACL).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
                            assertThat(d.rule(RuleId.FIX_RECALL).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
                            assertThat(d.rule(RuleId.FT_ONPREM).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
                            assertThat(d.unsettled()).isEmpty();
                            assertThat(d.methodOptions()).hasSize(3);
                        }),
                row(
                        "prompting still improves while cost alone would fine-tune",
                        "In most enterprises the sequence is: strong system prompt and few-shot examples, then RAG if answers need private or changing facts, then fine-tuning when evaluation shows stable failure modes that retrieval and prompting cannot fix.",
                        w -> w.evals = SeedWorkspace.Evals.IMPROVING,
                        "IMPROVE_PROMPT",
                        d -> {
                            assertThat(d.rule(RuleId.FT_COST).verdict()).isEqualTo(Verdict.NOT_FIRED);
                            assertThat(d.reasons()).anySatisfy(r -> assertThat(r)
                                    .contains("the economics will favour a fine-tune once prompting stops improving"));
                            assertThat(d.counterfactuals()).anySatisfy(c -> {
                                assertThat(c.rule()).isEqualTo(RuleId.FT_COST);
                                assertThat(c.change()).contains("were 3 iterations instead of 0 iterations (+3)");
                            });
                        }),
                row(
                        "no eval history: cost never skips the prompt step",
                        "Skipping steps burns GPU budget and encodes outdated policies in weights until someone retrains.",
                        w -> w.evals = SeedWorkspace.Evals.NONE,
                        "IMPROVE_PROMPT",
                        d -> {
                            assertThat(d.rule(RuleId.FT_COST).verdict()).isEqualTo(Verdict.UNKNOWN);
                            assertThat(d.unsettled()).anySatisfy(u -> {
                                assertThat(u.rule()).isEqualTo(RuleId.FT_COST);
                                assertThat(u.settledBy())
                                        .anySatisfy(s -> assertThat(s).startsWith("evals.history"));
                            });
                        }),
                row(
                        "plateau without a recurring class: cost decides once prompting stopped improving",
                        "Latency and token cost dominate: shorter prompts after tuning repay training in weeks.",
                        w -> w.evals = SeedWorkspace.Evals.PLATEAU_SPREAD,
                        "FINE_TUNE(LORA)",
                        d -> {
                            assertThat(d.rule(RuleId.FT_PLATEAU).verdict()).isEqualTo(Verdict.NOT_FIRED);
                            assertThat(d.rule(RuleId.FT_COST).verdict()).isEqualTo(Verdict.FIRED);
                        }),
                row(
                        "facts change weekly, prompting still improves, free-form labels",
                        "Facts change weekly — product catalog, pricing, compliance macros.",
                        w -> {
                            w.factsChange = "weekly";
                            w.evals = SeedWorkspace.Evals.IMPROVING;
                            w.jsonOutputs = false;
                        },
                        "USE_RAG"),
                row(
                        "answers must cite sources, prompting still improves",
                        "Users must cite source documents line by line.",
                        w -> {
                            w.citations = true;
                            w.evals = SeedWorkspace.Evals.IMPROVING;
                        },
                        "USE_RAG"),
                row(
                        "facts change weekly and prompting plateaued on a recurring class",
                        "Usually RAG for facts, fine-tuning for behavior.",
                        w -> w.factsChange = "weekly",
                        "HYBRID(LORA)"),
                row(
                        "facts change weekly, plateau but no recurring class: cost is not a behaviour reason",
                        "Usually RAG for facts, fine-tuning for behavior.",
                        w -> {
                            w.factsChange = "weekly";
                            w.evals = SeedWorkspace.Evals.PLATEAU_SPREAD;
                        },
                        "USE_RAG",
                        d -> assertThat(d.rule(RuleId.FT_COST).verdict()).isEqualTo(Verdict.FIRED)),
                row(
                        "30 % of approved rows are inputs labeled twice with rival outputs",
                        "One thousand consistent examples beat one hundred thousand noisy pairs.",
                        w -> w.conflictShare = 0.30,
                        "COLLECT_DATA",
                        d -> {
                            assertThat(d.deciding().get(0)).isEqualTo(RuleId.FT_CONSISTENT);
                            // 120 inputs labeled twice = 120 groups, 240 rows
                            assertThat(d.reasons().get(0))
                                    .startsWith(
                                            "Labels conflict: 120 conflict groups, 240 rows — 30.0% of approved rows");
                            assertThat(d.counterfactuals()).anySatisfy(c -> {
                                assertThat(c.rule()).isEqualTo(RuleId.FT_CONSISTENT);
                                // at most 5 % of 800 = 40 rows may conflict: resolve (240 − 40) / 2 = 100 groups
                                assertThat(c.change()).startsWith("you resolve 100 conflict groups of 120");
                            });
                        }),
                row(
                        "too few reviewed pairs with a labeling pipeline",
                        "| Labeled pairs | 200+ reviewed | Pilot adapter |",
                        w -> w.approvedRows = 150,
                        "COLLECT_DATA",
                        d -> assertThat(d.deciding()).doesNotContain(RuleId.NO_DATA)),
                row(
                        "too few reviewed pairs and no labeling pipeline",
                        "You have fewer than two hundred quality labeled examples and no labeling pipeline.",
                        w -> {
                            w.approvedRows = 150;
                            w.labelingPipeline = false;
                        },
                        "COLLECT_DATA",
                        d -> assertThat(d.deciding()).contains(RuleId.NO_DATA)),
                row(
                        "free-text generation is not a fine-tunable task",
                        "The task is classification, extraction, routing, or summarization with stable input-output pairs you can label.",
                        w -> {
                            w.taskType = "generation";
                            w.jsonOutputs = false;
                        },
                        "IMPROVE_PROMPT"),
                row(
                        "the task cannot be written as pairs",
                        "If you cannot describe the task as input-to-output pairs, you are not ready.",
                        w -> w.describable = false,
                        "NOT_READY"),
                row(
                        "failures are format errors and JSON mode is not configured",
                        "The problem is solved by tool calling or JSON mode you have not configured yet.",
                        w -> {
                            w.evals = SeedWorkspace.Evals.FORMAT_ERRORS;
                            w.structuredConfigured = false;
                        },
                        "CONFIGURE_STRUCTURED_OUTPUT"),
                row(
                        "an index whose documents carry no access groups",
                        "Teams ship demos without access control on the index, then discover legal blocked the rollout.",
                        w -> w.corpus = SeedWorkspace.Corpus.UNGROUPED,
                        "FIX_ACCESS_CONTROL"),
                row(
                        "retrieval recall below eighty percent",
                        "Another pitfall: optimizing generation while retrieval recall is below eighty percent on golden questions.",
                        w -> w.corpus = SeedWorkspace.Corpus.LOW_RECALL,
                        "FIX_RETRIEVAL"),
                row(
                        "a healthy index: the retrieval rules apply and pass",
                        "Map SSO groups to metadata before writing UI polish.",
                        w -> w.corpus = SeedWorkspace.Corpus.GOOD,
                        "FINE_TUNE(LORA)",
                        d -> {
                            assertThat(d.rule(RuleId.FIX_ACL).verdict()).isEqualTo(Verdict.NOT_FIRED);
                            assertThat(d.rule(RuleId.FIX_RECALL).verdict()).isEqualTo(Verdict.NOT_FIRED);
                        }),
                row(
                        "on-prem inference with a small window, prompting still improves",
                        "You need on-prem inference with a smaller model that cannot carry eight-thousand tokens of RAG context every time.",
                        w -> {
                            w.onPrem = true;
                            w.contextWindow = 2048;
                            w.evals = SeedWorkspace.Evals.IMPROVING;
                        },
                        "FINE_TUNE(LORA)",
                        d -> assertThat(d.rule(RuleId.FT_ONPREM).verdict()).isEqualTo(Verdict.FIRED)),
                row(
                        "data may leave the perimeter and the provider tunes the model",
                        "| Provider API FT | Per-token training | When data can leave perimeter |",
                        w -> {
                            w.mayLeave = true;
                            w.hosting = "provider";
                            w.current = "gpt-4o-mini";
                        },
                        "FINE_TUNE(PROVIDER_API)"),
                row(
                        "a budget lab whose 16 GB GPU cannot hold LoRA",
                        "| QLoRA | $50–500 per run | Budget labs, rapid iteration |",
                        w -> w.training = "  gpuMemoryGb: 16\n",
                        "FINE_TUNE(QLORA)",
                        d -> assertThat(d.methodReason())
                                .contains("LoRA needs")
                                .contains("and the hardware has 16.0 GB")),
                row(
                        "rapid iteration where QLoRA fits",
                        "| QLoRA | $50–500 per run | Budget labs, rapid iteration |",
                        w -> w.training = "  iteration: rapid\n",
                        "FINE_TUNE(QLORA)",
                        d -> assertThat(d.methodReason()).contains("iteration is rapid and QLoRA fits")),
                row(
                        "a 70 B candidate on one 80 GB GPU",
                        "| LoRA | $100–1k per run | Production default for 7B–13B |",
                        w -> {
                            w.candidate = "llama-3.1-70b";
                            w.paramsB = 70;
                        },
                        "FINE_TUNE(QLORA)"),
                row(
                        "high stakes with 5,000+ pairs and two 80 GB GPUs",
                        "| Full FT | $500–5k+ per run | Maximum quality ceiling |",
                        w -> {
                            w.costOfFailure = "high";
                            w.approvedRows = 5200;
                            w.training = "  gpuMemoryGb: 80\n  gpuCount: 2\n";
                        },
                        "FINE_TUNE(FULL)"),
                row(
                        "high stakes with 5,000+ pairs but one 80 GB GPU: full does not fit",
                        "| Full FT | $500–5k+ per run | Maximum quality ceiling |",
                        w -> {
                            w.costOfFailure = "high";
                            w.approvedRows = 5200;
                        },
                        "FINE_TUNE(LORA)"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("scenarios")
    void theDecisionFollowsTheSeed(
            String name,
            String seedSentence,
            Consumer<SeedWorkspace> change,
            String expected,
            Check check,
            @TempDir Path dir) {
        Path ws = new SeedWorkspace().with(change).write(dir);
        Assessment.Result r = Assessment.standard()
                .run(ws, AssessOptions.defaults().withWrite(false).withClock(AS_OF));
        Decision d = r.decision();
        assertThat(d.label())
                .as(
                        "%s (seed: \"%s\"); reasons %s; rules %s",
                        name,
                        seedSentence,
                        d.reasons(),
                        d.rules().stream()
                                .map(x -> x.id().code() + "=" + x.verdict() + " " + x.measuredDisplay())
                                .toList())
                .isEqualTo(expected);
        check.on(d);
    }
}
