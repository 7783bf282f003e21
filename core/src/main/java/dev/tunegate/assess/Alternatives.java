package dev.tunegate.assess;

import dev.tunegate.policy.Decision;
import dev.tunegate.policy.DecisionKind;
import dev.tunegate.policy.Method;
import dev.tunegate.policy.RuleId;
import dev.tunegate.policy.RuleResult;
import dev.tunegate.policy.Verdict;
import dev.tunegate.record.DecisionRecord;
import java.util.ArrayList;
import java.util.List;

/** The alternatives a decision record lists, and its consequences, read off the rule verdicts. */
final class Alternatives {
    private Alternatives() {}

    static List<DecisionRecord.Alternative> of(Decision d) {
        List<DecisionRecord.Alternative> out = new ArrayList<>();
        DecisionKind k = d.kind();
        if (k != DecisionKind.IMPROVE_PROMPT) {
            out.add(new DecisionRecord.Alternative(
                    "Keep improving the prompt",
                    switch (k) {
                        case FINE_TUNE, HYBRID ->
                            "prompting has plateaued or costs more than a tuned model: "
                                    + verdictLine(d, RuleId.FT_PLATEAU) + "; " + verdictLine(d, RuleId.FT_COST);
                        case USE_RAG ->
                            "no prompt carries facts that change this often or answers that must cite sources: "
                                    + verdictLine(d, RuleId.NO_FRESH) + "; " + verdictLine(d, RuleId.NO_CITE);
                        default ->
                            "a blocker comes first: "
                                    + String.join(
                                            "; ",
                                            d.deciding().stream()
                                                    .map(id -> verdictLine(d, id))
                                                    .toList());
                    }));
        }
        if (k != DecisionKind.USE_RAG && k != DecisionKind.HYBRID) {
            out.add(new DecisionRecord.Alternative("Retrieval (RAG) for the facts", retrievalNotChosen(d)));
        }
        if (k != DecisionKind.FINE_TUNE && k != DecisionKind.HYBRID) {
            out.add(new DecisionRecord.Alternative(
                    "Fine-tune now",
                    "not justified yet: " + verdictLine(d, RuleId.FT_PLATEAU) + "; " + verdictLine(d, RuleId.FT_DATA)
                            + "; " + verdictLine(d, RuleId.FT_TASK)));
        } else {
            for (Method m : Method.values()) {
                if (m == d.method()) continue;
                out.add(new DecisionRecord.Alternative(
                        m.label(), "best for " + m.bestFor() + "; not chosen: " + d.methodReason()));
            }
        }
        return out;
    }

    /**
     * Why retrieval is not the decision, as its two rules' verdicts say: neither fired, they do not apply, they are
     * unknown, or one fired and the decision's blocker comes first.
     */
    private static String retrievalNotChosen(Decision d) {
        Verdict fresh = d.rule(RuleId.NO_FRESH).verdict();
        Verdict cite = d.rule(RuleId.NO_CITE).verdict();
        String lines = verdictLine(d, RuleId.NO_FRESH) + "; " + verdictLine(d, RuleId.NO_CITE);
        if (fresh == Verdict.FIRED || cite == Verdict.FIRED) {
            String need = fresh == Verdict.FIRED && cite == Verdict.FIRED
                    ? "facts change weekly and answers must cite sources"
                    : fresh == Verdict.FIRED ? "facts change weekly" : "answers must cite sources";
            return need + ", so retrieval is called for, but \"" + d.kind().title() + "\" comes first: " + lines;
        }
        if (fresh == Verdict.NOT_FIRED && cite == Verdict.NOT_FIRED)
            return "facts do not change weekly and citations are not required: " + lines;
        if (fresh == Verdict.NOT_APPLICABLE && cite == Verdict.NOT_APPLICABLE)
            return "does not apply to this use case: " + lines;
        return "not shown to be needed: " + lines;
    }

    private static String verdictLine(Decision d, RuleId id) {
        RuleResult r = d.rule(id);
        return id.code() + " "
                + switch (r.verdict()) {
                    case FIRED -> "fired (" + r.measuredDisplay() + ")";
                    case NOT_FIRED -> "did not fire (" + r.measuredDisplay() + ")";
                    case UNKNOWN -> "unknown (needs " + String.join(", ", r.settledBy()) + ")";
                    case NOT_APPLICABLE -> "does not apply to this use case";
                };
    }

    static List<String> consequences(Decision d) {
        List<String> c = new ArrayList<>();
        switch (d.kind()) {
            case FINE_TUNE, HYBRID -> {
                c.add(
                        "Pilot an adapter for 4–8 weeks against the golden-set baseline before scaling (`tunegate pilot`).");
                c.add(
                        "Retrain quarterly and on every new base model; compare to the baseline on the golden set (`tunegate regress`).");
                c.add(
                        "Version the dataset and the adapter like code; never train on a retired policy era or on unapproved LLM drafts.");
                if (d.kind() == DecisionKind.HYBRID)
                    c.add("Facts stay in the retrieval index; the business owner keeps the corpus fresh.");
            }
            case USE_RAG -> {
                c.add(
                        "Build or keep the retrieval index; the business owner owns corpus freshness, the technical owner the pipeline.");
                c.add(
                        "Review refused queries and low-score retrievals weekly; keep recall@k on golden questions at or above 80 %.");
                c.add("Map SSO groups to document metadata before rollout.");
            }
            case FIX_ACCESS_CONTROL ->
                c.add(
                        "Nothing ships until every document carries its groups and no principal retrieves what it may not see.");
            case FIX_RETRIEVAL ->
                c.add(
                        "Generation work pauses until recall@k on the golden questions reaches the threshold: fix chunking and the index.");
            case CONFIGURE_STRUCTURED_OUTPUT ->
                c.add(
                        "Turn on JSON mode / structured output or tool calling, then re-run the evals before any fine-tune.");
            case COLLECT_DATA ->
                c.add(
                        d.deciding().contains(RuleId.FT_CONSISTENT)
                                ? "Resolve the conflicting labels first (`tunegate review DIR --conflicts` shows each group side by side): one output per input, then re-assess."
                                : "Collect and review pairs (LLM drafts only with human approval per row) until the reviewed-pairs threshold is met; then re-assess.");
            case NOT_READY -> c.add("Write the task down as input→output pairs with examples before any model work.");
            case IMPROVE_PROMPT ->
                c.add(
                        "Iterate on the prompt and few-shot examples with a held-out eval per iteration; re-assess when it plateaus.");
        }
        if (d.rules().stream().anyMatch(r -> r.verdict() == Verdict.UNKNOWN)) {
            c.add("Some rules are unknown; supplying the artifacts they name may change this decision.");
        }
        return c;
    }
}
