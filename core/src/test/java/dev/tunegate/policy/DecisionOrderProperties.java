package dev.tunegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The decision does not depend on the order in which evidence arrives. */
class DecisionOrderProperties {
    private final Policy policy = Policy.standard();
    private final DecisionEngine engine = new DecisionEngine(policy, policy.thresholds(Map.of()));

    @Property(tries = 300)
    void theDecisionIsTheSameForAnyOrderOfTheEvidence(@ForAll("evidence") List<Evidence> evidence, @ForAll long seed) {
        List<Evidence> shuffled = new ArrayList<>(evidence);
        Collections.shuffle(shuffled, new Random(seed));
        Decision a = engine.decide(EvidenceSet.of(evidence));
        Decision b = engine.decide(EvidenceSet.of(shuffled));
        assertThat(b).isEqualTo(a);
    }

    @Provide
    Arbitrary<List<Evidence>> evidence() {
        List<Arbitrary<Evidence>> parts = new ArrayList<>();
        parts.add(Arbitraries.integers().between(0, 2000).map(v -> Evidence.measured(Measure.REVIEWED_PAIRS, v, "a", "")));
        parts.add(Arbitraries.integers().between(0, 6).map(v -> Evidence.measured(Measure.ITERATIONS_WITHOUT_GAIN, v, "e", "")));
        parts.add(Arbitraries.doubles().between(0, 1).map(v -> Evidence.measured(Measure.RECURRING_ERROR_SHARE, v, "e", "")));
        parts.add(Arbitraries.doubles().between(0, 1).map(v -> Evidence.measured(Measure.RECALL_AT_K, v, "r", "")));
        parts.add(Arbitraries.integers().between(0, 2).map(v -> Evidence.measured(Measure.ACL_LEAKS, v, "r", "")));
        parts.add(Arbitraries.integers().between(1, 120).map(v -> Evidence.declared(Measure.FACT_CHANGE_INTERVAL_DAYS, v, "c")));
        parts.add(Arbitraries.integers().between(1, 120).map(v -> Evidence.measured(Measure.FACT_CHANGE_INTERVAL_DAYS, v, "r", "")));
        parts.add(Arbitraries.of(true, false).map(v -> Evidence.declared(Measure.CITATIONS_REQUIRED, v, "c")));
        parts.add(Arbitraries.of(true, false).map(v -> Evidence.declared(Measure.LABELING_PIPELINE, v, "c")));
        parts.add(Arbitraries.of("routing", "generation", "extraction").map(v -> Evidence.declared(Measure.TASK_TYPE, v, "c")));
        parts.add(Arbitraries.doubles().between(0, 0.2).map(v -> Evidence.measured(Measure.LABEL_DISAGREEMENT_RATE, v, "a", "")));
        parts.add(Arbitraries.doubles().between(0, 40).map(v -> Evidence.measured(Measure.BREAK_EVEN_WEEKS, v, "c", "")));
        return Combinators.combine(parts).as(l -> l).flatMap(all ->
                Arbitraries.integers().between(0, all.size()).map(n -> all.subList(0, n)));
    }
}
