package dev.tunegate.examples;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * policy-qa's production call log after launch, {@code logs/calls.jsonl} (docs/formats/call-log.md): three ISO
 * weeks (2026-W46 to W48) of about 120 calls a day from 320 employees. Most calls ask what the golden questions
 * ask and retrieve their policy with a good score. Planted, growing towards the last week:
 * <ul>
 *   <li>an access-control gap: employees without the managers group ask about salary bands; the filtered index
 *       returns nothing useful and the call is refused (pol-salary-bands exists but is hidden from them);</li>
 *   <li>a missing document: questions about a gym membership subsidy, refused, weak retrieval;</li>
 *   <li>a stale document: sick-leave certificates, retrieved with a good score but last updated in January,
 *       refused (policies change weekly here);</li>
 *   <li>a low-score topic answered anyway: parking spaces (no parking policy), often thumbed down;</li>
 *   <li>two unusable lines (a refused flag written as a string, a truncated line) reported with their line.</li>
 * </ul>
 * Latency is log-normal around 2.6 s (its p95 straddles the 4 s guardrail), cost about 1.2 ct a call.
 */
final class OpsLogGenerator implements ArtifactGenerator {
    private static final String[][] NORMAL = {
        {"How many weeks of paid parental leave do parents receive?", "pol-parental-leave"},
        {"How far in advance must parental leave be requested?", "pol-parental-leave"},
        {"How many remote work days per week are allowed?", "pol-remote-work"},
        {"Can I work remotely from another country?", "pol-remote-work"},
        {"What is the meal per diem for business travel?", "pol-travel-expenses"},
        {"Within how many days must expense claims be submitted?", "pol-travel-expenses"},
        {"Which supplier gifts must be declared to compliance?", "pol-code-of-conduct"},
        {"How do I declare a side job as a conflict of interest?", "pol-code-of-conduct"},
        {"How long are customer records kept after the contract ends?", "pol-data-retention"},
        {"How quickly must a lost laptop be reported?", "pol-security-incidents"},
        {"How do I report a phishing email?", "pol-security-incidents"},
        {"By what time must I notify my manager of sick leave?", "pol-sick-leave"},
        {"Can I bring my dog to work?", "pol-office-animals"},
        {"What is the annual training budget for courses?", "pol-training-budget"},
        {"Who is eligible for a company car?", "pol-company-cars"},
        {"Does the fuel card cover private trips?", "pol-company-cars"},
        {"Who runs the anonymous whistleblowing channel?", "pol-whistleblowing"},
    };
    private static final String[] OTHER_DOCS = {
        "pol-parental-leave",
        "pol-remote-work",
        "pol-travel-expenses",
        "pol-code-of-conduct",
        "pol-data-retention",
        "pol-security-incidents",
        "pol-office-animals",
        "pol-training-budget",
        "pol-company-cars",
        "pol-whistleblowing"
    };
    private static final String[] SALARY = {
        "What is the salary band for my level?", "What is the salary band for level L4?",
                "Where can I see the salary bands?",
        "salary band for senior engineers", "What is the maximum of my salary band?",
                "How are salary bands set for my level?"
    };
    private static final String[] GYM = {
        "Is there a gym membership subsidy?",
        "Does the company pay for a gym membership?",
        "gym membership subsidy how much",
        "Can I get a gym subsidy?",
        "Is the gym membership subsidy taxable?"
    };
    private static final String[] SICK_NOTE = {
        "Do I need a doctor's note for sick leave from the first day?",
                "Is a doctor's note needed on the first sick day?",
        "doctor's note first day of sick leave", "From which day of sick leave do I need a doctor's note?"
    };
    private static final String[] PARKING = {
        "How do I book a parking space at the office?",
        "Can I book a parking space for visitors?",
        "parking space booking office",
        "Is there free parking space at the office?"
    };

    @Override
    public void generate(Example ex, ExampleFiles files) throws IOException {
        if (!ex.name().equals("policy-qa")) return;
        Random rnd = new Random(ex.seedFor("ops-log"));
        LocalDate monday = LocalDate.of(2026, 11, 9);
        StringBuilder b = new StringBuilder();
        int line = 0;
        for (int day = 0; day < 21; day++) {
            LocalDate date = monday.plusDays(day);
            int week = day / 7;
            boolean weekend = date.getDayOfWeek().getValue() >= 6;
            int calls = weekend ? 12 + rnd.nextInt(8) : 78 + rnd.nextInt(20) + 6 * week;
            List<Long> seconds = new ArrayList<>();
            for (int i = 0; i < calls; i++) seconds.add(7 * 3600L + rnd.nextInt(11 * 3600));
            seconds.sort(null);
            for (long sec : seconds) {
                line++;
                Instant ts = date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(sec);
                if (day == 18 && sec == seconds.get(40)) {
                    b.append("{\"ts\":\"")
                            .append(ts)
                            .append(
                                    "\",\"query\":\"How do I claim mileage?\",\"refused\":\"no\",\"retrieved\":[],\"groups\":[],\"feedback\":null}\n");
                    continue;
                }
                if (day == 17 && sec == seconds.get(30)) {
                    b.append("{\"ts\":\"").append(ts).append("\",\"query\":\"What is the per diem in Lon\n");
                    continue;
                }
                b.append(ExampleFiles.json(call(rnd, ts, date, week))).append('\n');
            }
        }
        files.write("logs/calls.jsonl", b.toString());
    }

    private static Map<String, Object> call(Random rnd, Instant ts, LocalDate date, int week) {
        int userNo = (int) Math.floor(320 * Math.pow(rnd.nextDouble(), 1.6));
        String user = String.format(Locale.ROOT, "u%04d", userNo);
        List<String> groups = new ArrayList<>(List.of("all-employees"));
        if (userNo % 11 == 0) groups.add("managers");
        if (userNo % 17 == 0) groups.add("hr");
        double r = rnd.nextDouble();
        double salaryShare = 0.01 + 0.03 * week,
                gymShare = 0.012 + 0.01 * week,
                sickShare = 0.004 + 0.012 * week,
                parkingShare = 0.02 + 0.005 * week;
        String query;
        String answer;
        boolean refused;
        List<Map<String, Object>> retrieved = new ArrayList<>();
        double downRate;
        if (r < salaryShare && !groups.contains("managers")) {
            query = pick(rnd, SALARY);
            refused = true;
            answer = "I could not find a policy that answers this.";
            retrieved.add(doc("pol-training-budget", 0.18 + rnd.nextDouble() * 0.12, recent(rnd, date)));
            retrieved.add(doc("pol-code-of-conduct", 0.12 + rnd.nextDouble() * 0.1, recent(rnd, date)));
            downRate = 0.3;
        } else if (r < salaryShare + gymShare) {
            query = pick(rnd, GYM);
            refused = true;
            answer = "I could not find a policy that answers this.";
            retrieved.add(doc("pol-training-budget", 0.2 + rnd.nextDouble() * 0.12, recent(rnd, date)));
            retrieved.add(doc("pol-travel-expenses", 0.15 + rnd.nextDouble() * 0.1, recent(rnd, date)));
            downRate = 0.25;
        } else if (r < salaryShare + gymShare + sickShare) {
            query = pick(rnd, SICK_NOTE);
            refused = true;
            answer = "The sick-leave policy I have may be out of date; please ask HR.";
            retrieved.add(doc("pol-sick-leave", 0.68 + rnd.nextDouble() * 0.2, LocalDate.of(2026, 1, 12)));
            retrieved.add(doc("pol-parental-leave", 0.3 + rnd.nextDouble() * 0.1, recent(rnd, date)));
            downRate = 0.35;
        } else if (r < salaryShare + gymShare + sickShare + parkingShare) {
            query = pick(rnd, PARKING);
            refused = false;
            answer = "Parking spaces can be booked in the facilities portal (pol-office-animals §3).";
            retrieved.add(doc("pol-office-animals", 0.25 + rnd.nextDouble() * 0.15, recent(rnd, date)));
            retrieved.add(doc("pol-company-cars", 0.2 + rnd.nextDouble() * 0.12, recent(rnd, date)));
            downRate = 0.45;
        } else {
            String[] q = NORMAL[rnd.nextInt(NORMAL.length)];
            query = rnd.nextInt(4) == 0 ? q[0].toLowerCase(Locale.ROOT).replace("?", "") : q[0];
            refused = rnd.nextDouble() < 0.012;
            answer = refused
                    ? "I could not find a policy that answers this."
                    : "According to " + q[1] + ", section 2: see the cited paragraph.";
            retrieved.add(doc(q[1], 0.62 + rnd.nextDouble() * 0.3, recent(rnd, date)));
            String other = OTHER_DOCS[rnd.nextInt(OTHER_DOCS.length)];
            if (!other.equals(q[1])) retrieved.add(doc(other, 0.3 + rnd.nextDouble() * 0.2, recent(rnd, date)));
            downRate = 0.07;
        }
        String feedback = null;
        if (rnd.nextDouble() < 0.35) feedback = rnd.nextDouble() < downRate ? "down" : "up";
        double latency = Math.exp(Math.log(2_600) + 0.28 * rnd.nextGaussian() + 0.03 * week);
        double cost = 0.0105 + 0.003 * rnd.nextDouble();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", ts.toString());
        m.put("query", query);
        m.put("answer", answer);
        m.put("refused", refused);
        m.put("retrieved", retrieved);
        m.put("groups", groups);
        m.put("user", user);
        m.put("latencyMs", Math.round(latency));
        m.put("costUsd", Math.round(cost * 1e5) / 1e5);
        m.put("feedback", feedback);
        m.put("model", "gpt-4o-mini@prompt-v5");
        return m;
    }

    private static Map<String, Object> doc(String id, double score, LocalDate updated) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("score", Math.round(score * 1000) / 1000.0);
        d.put("updated", updated.toString());
        return d;
    }

    /** A live corpus: most documents were updated within the last few days. */
    private static LocalDate recent(Random rnd, LocalDate date) {
        return date.minusDays(1 + rnd.nextInt(5));
    }

    private static String pick(Random rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
    }
}
