package dev.tunegate.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The labeled datasets (OpenAI chat JSONL with a {@code metadata} object) and golden sets of the
 * examples, with the mess real datasets carry: exact, cosmetic and near duplicates, conflicting
 * labels, LLM-drafted rows not yet approved, a retired policy era, a few malformed rows, PII in
 * tickets, and golden rows that leak into training.
 */
final class DatasetGenerator implements ArtifactGenerator {

    static final String ROUTING_SYSTEM =
            "You route customer support tickets. Answer with JSON {\"queue\": ..., \"priority\": ...}.";
    static final String POLICY_SYSTEM =
            "You answer employees' questions about company policy and cite the section you rely on.";

    @Override
    public void generate(Example ex, ExampleFiles files) throws IOException {
        Random rnd = new Random(ex.seedFor("dataset"));
        switch (ex.name()) {
            case "ticket-routing" -> ticketRouting(rnd, files);
            case "policy-qa" -> policyQa(rnd, files);
            case "support-kb" -> supportKb(rnd, files);
            default -> throw new IllegalArgumentException(ex.name());
        }
    }

    // ------------------------------------------------------------------ ticket routing

    static final String[] QUEUES = {"billing", "technical", "account", "shipping", "returns", "security"};
    static final String[] LEGACY_QUEUES = {"tier1", "tier2", "escalations"};
    private static final String[][] ISSUES = {
        {
            "I was charged twice for my %s subscription", "my invoice %s shows the wrong amount",
                    "the refund for order %s never arrived",
            "my card was declined when paying invoice %s", "why did my plan price go up on the last bill for %s",
                    "I need a VAT receipt for payment %s"
        },
        {
            "the %s app crashes when I open settings", "I get error code E-%s when syncing",
                    "the export to CSV hangs at 99%% for %s",
            "notifications stopped working after the %s update", "the dashboard shows a blank page since version %s",
                    "login loops back to the start page on %s"
        },
        {
            "I want to change the e-mail on account %s", "please close my account %s",
                    "I cannot reset my password for %s",
            "how do I add a second admin to workspace %s", "two-factor codes are not accepted for %s",
                    "merge my two accounts under %s"
        },
        {
            "where is my package with tracking %s", "order %s is three days late",
                    "the courier left order %s at the wrong address",
            "can I change the delivery address of order %s", "my parcel %s shows delivered but nothing came",
                    "shipping to Norway for order %s is not offered"
        },
        {
            "I need a return label for order %s", "the item in order %s arrived damaged",
                    "can I exchange order %s for a bigger size",
            "my return for %s was received but not refunded", "the wrong colour came with order %s",
                    "how long do I have to return order %s"
        },
        {
            "I got a phishing e-mail pretending to be you about %s",
            "someone logged into account %s from another country",
            "I think my API key for %s leaked on GitHub",
            "a stranger changed the password of %s",
            "suspicious payouts on account %s",
            "please lock account %s now"
        }
    };
    private static final String[] OPENERS = {
        "Hi,", "Hello team,", "Good morning,", "Hey,", "Dear support,", "", "Urgent:", "Hi there,"
    };
    private static final String[] CLOSERS = {
        "Thanks.",
        "Please help.",
        "Thank you in advance.",
        "Regards, %s",
        "Cheers",
        "",
        "Can someone look at this today?"
    };
    private static final String[] PRODUCTS = {"Pro", "Team", "Starter", "Enterprise", "Android", "iOS", "desktop", "web"
    };
    private static final String[] NAMES = {
        "Ana", "Bram", "Chen", "Dalia", "Emeka", "Freya", "Goran", "Hana", "Ivo", "Jae"
    };
    private static final String[] DETAILS = {
        "This is the second time this month.",
        "I already tried logging out and in.",
        "My colleague has the same problem.",
        "It started yesterday evening.",
        "I attached a screenshot.",
        "We are a team of forty people.",
        "Nothing in the FAQ helped.",
        "I have been a customer for six years.",
        "The order was a gift.",
        "I am travelling this week.",
        ""
    };
    private static final String[] PRIORITIES = {"low", "normal", "high"};
    private static final String[] REVIEWERS = {"m.okafor", "s.lindqvist", "r.patel", "j.moreau"};

    private void ticketRouting(Random rnd, ExampleFiles files) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String[]> approvedPairs = new ArrayList<>(); // input, queue, priority
        // gold rows written by domain experts
        for (int i = 0; i < 80; i++) rows.add(routingRow(rnd, "gold", "approved", "2026", approvedPairs));
        for (int i = 0; i < 720; i++)
            rows.add(routingRow(rnd, "expert", "approved", i % 3 == 0 ? "2025" : "2026", approvedPairs));
        for (int i = 0; i < 200; i++) rows.add(routingRow(rnd, "imported", "approved", "2025", approvedPairs));
        for (int i = 0; i < 150; i++) rows.add(routingRow(rnd, "llm_draft", "approved", "2026", approvedPairs));
        for (int i = 0; i < 260; i++) rows.add(routingRow(rnd, "llm_draft", "pending", "2026", null));
        for (int i = 0; i < 40; i++) rows.add(routingRow(rnd, "llm_draft", "rejected", "2026", null));
        for (int i = 0; i < 150; i++) rows.add(legacyRow(rnd));
        // exact duplicates (re-imported rows)
        for (int i = 0; i < 40; i++) {
            String[] p = approvedPairs.get(rnd.nextInt(approvedPairs.size()));
            rows.add(
                    chat(ROUTING_SYSTEM, p[0], route(p[1], p[2]), meta("imported", "approved", reviewer(rnd), "2025")));
        }
        // cosmetic duplicates: case and whitespace
        for (int i = 0; i < 20; i++) {
            String[] p = approvedPairs.get(rnd.nextInt(approvedPairs.size()));
            String cosmetic = "  " + p[0].toUpperCase(Locale.ROOT).replace(" ", "  ") + " ";
            rows.add(chat(
                    ROUTING_SYSTEM, cosmetic, route(p[1], p[2]), meta("imported", "approved", reviewer(rnd), "2025")));
        }
        // near duplicates: a word changed or appended
        for (int i = 0; i < 60; i++) {
            String[] p = approvedPairs.get(rnd.nextInt(approvedPairs.size()));
            String near = p[0] + " "
                    + pick(rnd, new String[] {"Thanks again.", "Any update?", "Please advise.", "Kind regards."});
            rows.add(chat(ROUTING_SYSTEM, near, route(p[1], p[2]), meta("expert", "approved", reviewer(rnd), "2026")));
        }
        // conflicting labels: a few tickets routed to another queue by a second reviewer
        for (int i = 0; i < 5; i++) {
            String[] p = approvedPairs.get(rnd.nextInt(approvedPairs.size()));
            String other = QUEUES[(indexOf(QUEUES, p[1]) + 1 + rnd.nextInt(QUEUES.length - 1)) % QUEUES.length];
            rows.add(chat(ROUTING_SYSTEM, p[0], route(other, p[2]), meta("expert", "approved", reviewer(rnd), "2026")));
        }
        // schema drift: a few outputs that are not the agreed JSON
        for (int i = 0; i < 12; i++) {
            String[] p = approvedPairs.get(rnd.nextInt(approvedPairs.size()));
            String drift = i % 2 == 0 ? "{\"team\": \"" + p[1] + "\"}" : p[1];
            rows.add(chat(
                    ROUTING_SYSTEM,
                    ticket(rnd, indexOf(QUEUES, p[1])),
                    drift,
                    meta("imported", "approved", reviewer(rnd), "2025")));
        }
        // malformed rows
        Map<String, Object> noAssistant = new LinkedHashMap<>();
        noAssistant.put("messages", List.of(msg("system", ROUTING_SYSTEM), msg("user", ticket(rnd, 0))));
        noAssistant.put("metadata", meta("imported", "approved", reviewer(rnd), "2025"));
        rows.add(noAssistant);
        rows.add(chat(
                ROUTING_SYSTEM,
                "Hello {{customer_name}}, your ticket {{ticket_id}} was received",
                route("account", "low"),
                meta("llm_draft", "pending", null, "2026")));
        rows.add(chat(ROUTING_SYSTEM, ticket(rnd, 3), "", meta("imported", "approved", reviewer(rnd), "2025")));

        shuffle(rows, rnd);
        files.writeJsonl("data/train.jsonl", rows);

        // golden set: held out, expert-written; four of its tickets leaked into training
        List<Map<String, Object>> golden = new ArrayList<>();
        for (int i = 0; i < 196; i++) golden.add(routingRow(rnd, "gold", "approved", "2026", null));
        for (int i = 0; i < 4; i++) {
            String[] p = approvedPairs.get(rnd.nextInt(approvedPairs.size()));
            golden.add(chat(ROUTING_SYSTEM, p[0], route(p[1], p[2]), meta("gold", "approved", reviewer(rnd), "2026")));
        }
        shuffle(golden, rnd);
        files.writeJsonl("data/golden.jsonl", golden);

        files.write("schemas/route.schema.json", """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "Ticket route",
                  "type": "object",
                  "required": ["queue", "priority"],
                  "additionalProperties": false,
                  "properties": {
                    "queue": {"enum": ["billing", "technical", "account", "shipping", "returns", "security"]},
                    "priority": {"enum": ["low", "normal", "high"]}
                  }
                }
                """);
    }

    private Map<String, Object> routingRow(
            Random rnd, String provenance, String status, String era, List<String[]> approved) {
        int q = rnd.nextInt(QUEUES.length);
        String text = ticket(rnd, q);
        String priority = q == 5 ? "high" : PRIORITIES[rnd.nextInt(PRIORITIES.length)];
        String queue = QUEUES[q];
        if ("llm_draft".equals(provenance) && rnd.nextInt(8) == 0)
            queue = QUEUES[rnd.nextInt(QUEUES.length)]; // drafts are sometimes wrong
        if (approved != null) approved.add(new String[] {text, queue, priority});
        return chat(
                ROUTING_SYSTEM,
                text,
                route(queue, priority),
                meta(provenance, status, "pending".equals(status) ? null : reviewer(rnd), era));
    }

    private Map<String, Object> legacyRow(Random rnd) {
        int q = rnd.nextInt(QUEUES.length);
        String legacy = LEGACY_QUEUES[q % LEGACY_QUEUES.length];
        return chat(
                ROUTING_SYSTEM,
                ticket(rnd, q),
                "{\"queue\": \"" + legacy + "\", \"priority\": \"normal\"}",
                meta("imported", "approved", "legacy-import", "2023-legacy-queues"));
    }

    private String ticket(Random rnd, int q) {
        String ref =
                switch (rnd.nextInt(4)) {
                    case 0 -> "#A" + (10000 + rnd.nextInt(90000));
                    case 1 -> PRODUCTS[rnd.nextInt(PRODUCTS.length)];
                    case 2 -> "ACME-" + (100 + rnd.nextInt(900));
                    default -> (2 + rnd.nextInt(8)) + "." + rnd.nextInt(10);
                };
        String issue = String.format(Locale.ROOT, ISSUES[q][rnd.nextInt(ISSUES[q].length)], ref);
        StringBuilder b = new StringBuilder();
        String opener = pick(rnd, OPENERS);
        if (!opener.isEmpty()) b.append(opener).append(' ');
        b.append(Character.toUpperCase(issue.charAt(0)))
                .append(issue.substring(1))
                .append('.');
        String d1 = pick(rnd, DETAILS);
        if (!d1.isEmpty()) b.append(' ').append(d1);
        if (rnd.nextInt(25) == 0)
            b.append(" You can reach me at ")
                    .append(NAMES[rnd.nextInt(NAMES.length)].toLowerCase(Locale.ROOT))
                    .append(rnd.nextInt(100))
                    .append("@example.com.");
        if (rnd.nextInt(40) == 0)
            b.append(" Call me on +44 20 7946 0").append(100 + rnd.nextInt(900)).append('.');
        String closer = String.format(Locale.ROOT, pick(rnd, CLOSERS), NAMES[rnd.nextInt(NAMES.length)]);
        if (!closer.isEmpty()) b.append(' ').append(closer);
        return b.toString();
    }

    private static String route(String queue, String priority) {
        return "{\"queue\": \"" + queue + "\", \"priority\": \"" + priority + "\"}";
    }

    // ------------------------------------------------------------------ policy QA

    private static final String[][] POLICIES = {
        {
            "Travel Policy",
            "How much can I spend on a hotel night in %s?",
            "Hotel nights in %s are reimbursed up to the city cap in the current rate table [Travel Policy §3.2]."
        },
        {
            "Travel Policy",
            "Can I book business class for a flight to %s?",
            "Business class is allowed only for flights over eight hours; a flight to %s needs approval from your director [Travel Policy §2.4]."
        },
        {
            "Leave Policy",
            "How many days of parental leave do I get if I work in %s?",
            "Employees in %s get the statutory leave plus four weeks of paid company leave [Leave Policy §5.1]."
        },
        {
            "Leave Policy",
            "Can I carry over unused vacation days in %s?",
            "Up to five unused days carry over to the first quarter in %s [Leave Policy §2.3]."
        },
        {
            "Expense Policy",
            "Is a client dinner in %s reimbursable?",
            "Client dinners in %s are reimbursable up to the per-head limit with the attendees listed [Expense Policy §4.1]."
        },
        {
            "Expense Policy",
            "What receipts do I need for a taxi in %s?",
            "Keep an itemised receipt for every taxi ride in %s; card statements are not enough [Expense Policy §1.6]."
        },
        {
            "Remote Work Policy",
            "Can I work from %s for two weeks?",
            "Working from %s for up to ten working days a year needs manager approval and a tax check [Remote Work Policy §3.3]."
        },
        {
            "Security Policy",
            "May I use my personal laptop in %s for customer data?",
            "No: customer data is handled only on managed devices, including in %s [Security Policy §2.1]."
        },
        {
            "Gifts Policy",
            "Can I accept a gift from a supplier in %s?",
            "Gifts above the nominal value must be declared within five days, wherever you are, including %s [Gifts Policy §1.2]."
        }
    };
    private static final String[] PLACES = {
        "Berlin",
        "London",
        "Lisbon",
        "Singapore",
        "Toronto",
        "Nairobi",
        "Warsaw",
        "Austin",
        "Seoul",
        "Madrid",
        "our Dublin office",
        "the Paris office"
    };

    private void policyQa(Random rnd, ExampleFiles files) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 60; i++) rows.add(policyRow(rnd, "gold", "approved", "2026", pairs));
        for (int i = 0; i < 70; i++) rows.add(policyRow(rnd, "expert", "approved", "2026", pairs));
        for (int i = 0; i < 210; i++) rows.add(policyRow(rnd, "llm_draft", "pending", "2026", null));
        for (int i = 0; i < 30; i++) rows.add(policyRow(rnd, "llm_draft", "rejected", "2026", null));
        for (int i = 0; i < 60; i++) rows.add(policyRow(rnd, "imported", "approved", "pre-2025-handbook", null));
        for (int i = 0; i < 15; i++) {
            String[] p = pairs.get(rnd.nextInt(pairs.size()));
            rows.add(chat(POLICY_SYSTEM, p[0], p[1], meta("expert", "approved", reviewer(rnd), "2026")));
        }
        shuffle(rows, rnd);
        files.writeJsonl("data/train.jsonl", rows);
        List<Map<String, Object>> golden = new ArrayList<>();
        for (int i = 0; i < 80; i++) golden.add(policyRow(rnd, "gold", "approved", "2026", null));
        files.writeJsonl("data/golden.jsonl", golden);
    }

    private Map<String, Object> policyRow(
            Random rnd, String provenance, String status, String era, List<String[]> pairs) {
        String[] p = POLICIES[rnd.nextInt(POLICIES.length)];
        String place = PLACES[rnd.nextInt(PLACES.length)];
        String q = String.format(Locale.ROOT, p[1], place);
        if (rnd.nextBoolean())
            q = pick(rnd, new String[] {"Quick question: ", "Hi! ", "Hello, ", "I'm new here. ", "Sorry to bother: "})
                    + q;
        String a = String.format(Locale.ROOT, p[2], place);
        if ("pre-2025-handbook".equals(era)) a = a.replace("§", "Handbook 2019 §");
        if (pairs != null) pairs.add(new String[] {q, a});
        return chat(
                POLICY_SYSTEM, q, a, meta(provenance, status, "pending".equals(status) ? null : reviewer(rnd), era));
    }

    // ------------------------------------------------------------------ support KB

    static final String SUPPORT_SYSTEM =
            "You answer customers' questions from the help centre and link the article you used.";
    private static final String[][] ARTICLES = {
        {
            "kb-export",
            "How do I export my data to %s?",
            "Open Settings → Data → Export and choose %s; large exports arrive by e-mail. See: Exporting your data."
        },
        {
            "kb-sso",
            "Can we sign in with %s single sign-on?",
            "Yes, %s SSO is available on the Team and Enterprise plans. See: Setting up SSO."
        },
        {
            "kb-invoices",
            "Where do I find invoices for %s?",
            "Invoices for %s are under Billing → History, downloadable as PDF. See: Finding your invoices."
        },
        {
            "kb-api-limits",
            "What is the API rate limit for %s?",
            "The %s plan allows the documented requests per minute; bursts are queued. See: API limits."
        },
        {
            "kb-mobile",
            "Does the %s app work offline?",
            "The %s app caches your last 30 days for offline reading. See: Using the mobile apps."
        }
    };
    private static final String[] TOPICS = {
        "CSV", "Okta", "Azure AD", "Google", "the Pro plan", "the Team plan", "iOS", "Android", "Excel", "JSON"
    };

    private void supportKb(Random rnd, ExampleFiles files) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            String[] a = ARTICLES[rnd.nextInt(ARTICLES.length)];
            String topic = TOPICS[rnd.nextInt(TOPICS.length)];
            String status = i < 260 ? "approved" : "pending";
            rows.add(chat(
                    SUPPORT_SYSTEM,
                    String.format(Locale.ROOT, a[1], topic),
                    String.format(Locale.ROOT, a[2], topic),
                    meta(
                            i < 40 ? "gold" : "expert",
                            status,
                            "approved".equals(status) ? reviewer(rnd) : null,
                            "2026")));
        }
        shuffle(rows, rnd);
        files.writeJsonl("data/train.jsonl", rows);
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> chat(String system, String user, String assistant, Map<String, Object> meta) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("messages", List.of(msg("system", system), msg("user", user), msg("assistant", assistant)));
        row.put("metadata", meta);
        return row;
    }

    private static Map<String, Object> msg(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private static Map<String, Object> meta(String provenance, String status, String reviewer, String era) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provenance", provenance);
        m.put("status", status);
        if (reviewer != null) m.put("reviewer", reviewer);
        m.put("era", era);
        return m;
    }

    private static String reviewer(Random rnd) {
        return REVIEWERS[rnd.nextInt(REVIEWERS.length)];
    }

    private static String pick(Random rnd, String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private static int indexOf(String[] a, String v) {
        for (int i = 0; i < a.length; i++) if (a[i].equals(v)) return i;
        return -1;
    }

    /** Fisher–Yates with the example's Random (Collections.shuffle's algorithm is not specified). */
    private static <T> void shuffle(List<T> list, Random rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
