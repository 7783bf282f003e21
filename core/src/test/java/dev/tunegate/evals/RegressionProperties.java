package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class RegressionProperties {

    private static EvalRun run(String name, List<Boolean> passed) {
        List<EvalRecord> recs = new ArrayList<>();
        for (int j = 0; j < passed.size(); j++) {
            recs.add(new EvalRecord(name, null, null, "i" + j, passed.get(j), null, null, null, null, null, null, null, null, null, name, j + 1));
        }
        return new EvalRun(name, 0, recs);
    }

    @Property(tries = 300)
    void swapping_baseline_and_candidate_mirrors_the_difference_and_keeps_the_p_value(
            @ForAll @Size(min = 1, max = 120) List<Boolean> a, @ForAll @Size(min = 1, max = 120) List<Boolean> b) {
        int n = Math.min(a.size(), b.size());
        EvalRun x = run("x", a.subList(0, n)), y = run("y", b.subList(0, n));
        RegressionReport xy = Regression.compare(x, y, 0.01), yx = Regression.compare(y, x, 0.01);
        assertThat(xy.difference().estimate()).isCloseTo(-yx.difference().estimate(), within(1e-12));
        assertThat(xy.difference().low()).isCloseTo(-yx.difference().high(), within(1e-9));
        assertThat(xy.mcnemarP()).isEqualTo(yx.mcnemarP());
        assertThat(xy.improved()).containsExactlyElementsOf(yx.regressed());
        assertThat(xy.sharedItems()).isEqualTo(n);
        assertThat(xy.improved().size() + xy.regressed().size() + xy.unchanged().size()).isEqualTo(n);
    }

    @Property(tries = 200)
    void a_candidate_identical_to_its_baseline_is_never_a_regression(@ForAll @Size(min = 1, max = 300) List<Boolean> a) {
        RegressionReport r = Regression.compare(run("x", a), run("y", a), 0.01);
        assertThat(r.verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThat(r.mcnemarP()).isEqualTo(1.0);
        assertThat(r.difference().contains(0)).isTrue();
    }
}
