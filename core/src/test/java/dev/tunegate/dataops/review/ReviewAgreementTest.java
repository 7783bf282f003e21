package dev.tunegate.dataops.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewAgreementTest {
    private static ReviewLog.Entry e(String who, String action) {
        return new ReviewLog.Entry(
                1, "2026-03-01T09:00:00Z", who, action, "r", "f:1", "edit".equals(action) ? "x" : null);
    }

    /**
     * The textbook 2×2 example (Wikipedia, "Cohen's kappa"): 50 items, both yes 20, A yes/B no 5, A no/B yes 10,
     * both no 15: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4, computed by hand.
     */
    @Test
    void kappaMatchesTheHandComputedTextbookExampleAndItsIntervalHoldsIt() {
        Map<String, List<ReviewLog.Entry>> rows = new LinkedHashMap<>();
        int id = 0;
        id = add(rows, id, 20, "approve", "edit");
        id = add(rows, id, 5, "approve", "reject");
        id = add(rows, id, 10, "reject", "approve");
        add(rows, id, 15, "reject", "reject");
        rows.put("single", List.of(e("ana", "approve"))); // one reviewer only: not a pair
        ReviewAgreement a = ReviewAgreement.of(rows, 7);
        assertThat(a.rows()).isEqualTo(50);
        assertThat(a.agreed()).isEqualTo(35);
        assertThat(a.kappa().estimate()).isCloseTo(0.4, within(1e-12));
        assertThat(a.kappa().contains(0.4)).isTrue();
        // the large-sample standard error sqrt(p_o(1-p_o)/(n(1-p_e)^2)) = sqrt(0.21/12.5) ≈ 0.13: the 95 % interval
        // spans roughly ±0.25
        assertThat(a.kappa().high() - a.kappa().low()).isBetween(0.35, 0.65);
        assertThat(ReviewAgreement.of(rows, 7).kappa()).isEqualTo(a.kappa()); // seeded
    }

    @Test
    void noPairsNoKappa() {
        assertThat(ReviewAgreement.of(Map.of("r", List.of(e("ana", "approve"), e("ana", "reject"))), 1)
                        .kappa())
                .isNull();
    }

    private static int add(Map<String, List<ReviewLog.Entry>> rows, int id, int n, String a, String b) {
        for (int i = 0; i < n; i++) rows.put("row" + (id + i), new ArrayList<>(List.of(e("ana", a), e("ben", b))));
        return id + n;
    }
}
