import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded production call log for the weekly-review benchmark (tunegate JSONL, docs/formats/call-log.md):
 * CALLS calls over four weeks, about 5 % refused in planted topics, 8 % low-score, 10 % rated.
 * Run with a JDK 21+: java bench/ops/GenerateCallLog.java CALLS OUT [SEED]
 */
public class GenerateCallLog {
    static final String[] WORDS = ("leave parental remote travel expense gift laptop phishing sick dog training budget car fuel whistleblowing "
            + "salary band gym parking pension bonus overtime holiday relocation visa badge printer canteen shuttle vaccine").split(" ");

    public static void main(String[] args) throws IOException {
        long calls = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        Random rnd = new Random(args.length > 2 ? Long.parseLong(args[2]) : 42);
        long start = Instant.parse("2026-11-02T00:00:00Z").getEpochSecond();
        long span = 28L * 86_400;
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 20)) {
            for (long i = 0; i < calls; i++) {
                long ts = start + span * i / calls;
                double r = rnd.nextDouble();
                String q;
                boolean refused = false;
                double top;
                if (r < 0.05) {           // 40 planted refused topics
                    int t = rnd.nextInt(40);
                    q = "what is the policy on " + WORDS[t % WORDS.length] + " " + WORDS[(t * 7 + 3) % WORDS.length] + " case " + t + (rnd.nextBoolean() ? "?" : " please");
                    refused = true;
                    top = 0.1 + 0.2 * rnd.nextDouble();
                } else if (r < 0.08) {    // low-score, answered
                    int t = rnd.nextInt(60);
                    q = "how do i handle " + WORDS[t % WORDS.length] + " for " + WORDS[(t * 5 + 1) % WORDS.length] + " number " + t;
                    top = 0.2 + 0.2 * rnd.nextDouble();
                } else {                  // long tail of ordinary questions
                    q = "question about " + WORDS[rnd.nextInt(WORDS.length)] + " and " + WORDS[rnd.nextInt(WORDS.length)] + " " + rnd.nextInt(100_000);
                    top = 0.5 + 0.45 * rnd.nextDouble();
                }
                String fb = rnd.nextDouble() < 0.1 ? (rnd.nextDouble() < 0.15 ? "\"down\"" : "\"up\"") : "null";
                w.write(String.format(Locale.ROOT,
                        "{\"ts\":\"%s\",\"query\":\"%s\",\"answer\":\"%s\",\"refused\":%s,\"retrieved\":[{\"id\":\"doc-%d\",\"score\":%.3f},{\"id\":\"doc-%d\",\"score\":%.3f}],"
                                + "\"groups\":[\"staff\"],\"user\":\"u%d\",\"latencyMs\":%d,\"costUsd\":%.5f,\"feedback\":%s,\"model\":\"m1\"}\n",
                        Instant.ofEpochSecond(ts), q, refused ? "I cannot answer that." : "See the policy.", refused, rnd.nextInt(500), top,
                        rnd.nextInt(500), top * 0.6, rnd.nextInt(20_000), 400 + rnd.nextInt(3000), 0.001 + rnd.nextInt(100) / 100_000.0, fb));
            }
        }
    }
}
