package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tunegate.testing.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegressionProperties {

    private static EvalRun run(String name, List<Boolean> passed) {
        List<EvalRecord> recs = new ArrayList<>();
        for (int j = 0; j < passed.size(); j++) {
            recs.add(new EvalRecord(
                    name,
                    null,
                    null,
                    "i" + j,
                    passed.get(j),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    name,
                    j + 1));
        }
        return new EvalRun(name, 0, recs);
    }

    static Stream<Long> seeds() {
        return Gen.seeds(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void swapping_baseline_and_candidate_mirrors_the_difference_and_keeps_the_p_value(long seed) {
        Gen g = new Gen(seed);
        List<Boolean> a = g.booleans(1, 120), b = g.booleans(1, 120);
        int n = Math.min(a.size(), b.size());
        EvalRun x = run("x", a.subList(0, n)), y = run("y", b.subList(0, n));
        RegressionReport xy = Regression.compare(x, y, 0.01), yx = Regression.compare(y, x, 0.01);
        assertThat(xy.difference().estimate()).isCloseTo(-yx.difference().estimate(), within(1e-12));
        assertThat(xy.difference().low()).isCloseTo(-yx.difference().high(), within(1e-9));
        assertThat(xy.mcnemarP()).isEqualTo(yx.mcnemarP());
        assertThat(xy.improved()).containsExactlyElementsOf(yx.regressed());
        assertThat(xy.sharedItems()).isEqualTo(n);
        assertThat(xy.improved().size() + xy.regressed().size() + xy.unchanged().size())
                .isEqualTo(n);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void a_candidate_identical_to_its_baseline_is_never_a_regression(long seed) {
        List<Boolean> a = new Gen(seed).booleans(1, 300);
        RegressionReport r = Regression.compare(run("x", a), run("y", a), 0.01);
        assertThat(r.verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThat(r.mcnemarP()).isEqualTo(1.0);
        assertThat(r.difference().contains(0)).isTrue();
    }
}
