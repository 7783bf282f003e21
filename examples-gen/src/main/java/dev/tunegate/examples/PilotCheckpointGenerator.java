package dev.tunegate.examples;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;

/**
 * The pilots' KPI checkpoints (docs/formats/pilot-checkpoints.md), one per week of the pilot window:
 * <ul>
 *   <li>ticket-routing, {@code pilot/checkpoints.jsonl}: a pilot that should SCALE — 6 weeks, about 70,000 calls,
 *       adoption climbing past its 60 % target, p95 latency and unit cost inside their guardrails, minutes to first
 *       assignment falling below 5;</li>
 *   <li>policy-qa, {@code pilot/checkpoints.csv}: a pilot that should IMPROVE — 8 weeks, adoption creeping up but
 *       short of its 40 % target, p95 latency above the 4 s guardrail, HR tickets per week still above 120, and one
 *       export row whose latency reads {@code timeout} (a finding with its line).</li>
 * </ul>
 * Values follow a trend plus seeded noise.
 */
final class PilotCheckpointGenerator implements ArtifactGenerator {

    @Override
    public void generate(Example ex, ExampleFiles files) throws IOException {
        Random rnd = new Random(ex.seedFor("pilot-checkpoints"));
        switch (ex.name()) {
            case "ticket-routing" -> ticketRouting(rnd, files);
            case "policy-qa" -> policyQa(rnd, files);
            default -> {} // no pilot yet (support-kb must fix access control first)
        }
    }

    private static void ticketRouting(Random rnd, ExampleFiles files) throws IOException {
        LocalDate start = LocalDate.of(2026, 1, 11);
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 6; w++) {
            long calls = 9_000 + w * 900L + rnd.nextInt(1_200);
            double adoption = 0.38 + 0.05 * w + noise(rnd, 0.012);
            double latency = 690 - 9 * w + noise(rnd, 18);
            double cost = 0.00155 - 0.00004 * w + noise(rnd, 0.00003);
            double minutes = 7.4 - 0.55 * w + noise(rnd, 0.2);
            b.append(String.format(
                    Locale.ROOT,
                    "{\"date\":\"%s\",\"calls\":%d,\"adoption\":%.3f,\"latencyP95Ms\":%.0f,\"unitCostUsd\":%.5f,\"minutesToFirstAssignment\":%.1f}%n",
                    start.plusWeeks(w),
                    calls,
                    adoption,
                    latency,
                    cost,
                    minutes));
        }
        files.write("pilot/checkpoints.jsonl", b.toString());
    }

    private static void policyQa(Random rnd, ExampleFiles files) throws IOException {
        LocalDate start = LocalDate.of(2026, 2, 8);
        StringBuilder b = new StringBuilder("date,calls,adoption,latencyP95Ms,unitCostUsd,hrTicketsPerWeek\n");
        for (int w = 0; w < 8; w++) {
            long calls = 520 + w * 45L + rnd.nextInt(120);
            double adoption = 0.17 + 0.013 * w + noise(rnd, 0.01);
            double latency = 4_700 - 40 * w + noise(rnd, 90);
            double cost = 0.0118 + noise(rnd, 0.0006);
            double tickets = 158 - 3.5 * w + noise(rnd, 4);
            String lat = w == 5 ? "timeout" : String.format(Locale.ROOT, "%.0f", latency);
            b.append(String.format(
                    Locale.ROOT, "%s,%d,%.3f,%s,%.4f,%.0f%n", start.plusWeeks(w), calls, adoption, lat, cost, tickets));
        }
        files.write("pilot/checkpoints.csv", b.toString());
    }

    private static double noise(Random rnd, double scale) {
        return (rnd.nextDouble() * 2 - 1) * scale;
    }
}
