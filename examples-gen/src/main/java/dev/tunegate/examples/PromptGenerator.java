package dev.tunegate.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The prompts of the examples, for the cost model: today's system prompt and few-shot file, and the
 * short instruction that remains after tuning. The ticket router carries a long routing handbook and
 * two dozen worked examples on every call at high traffic (tuning repays itself in weeks); the
 * policy assistant's prompt is short and its cost is the RAG context, which tuning does not remove
 * (tuning never repays itself). Other examples get no prompt files.
 */
final class PromptGenerator implements ArtifactGenerator {

    @Override
    public void generate(Example ex, ExampleFiles files) throws IOException {
        Random rnd = new Random(ex.seedFor("prompts"));
        switch (ex.name()) {
            case "ticket-routing" -> ticketRouting(rnd, files);
            case "policy-qa" -> policyQa(rnd, files);
            default -> {} // the other examples demonstrate other rules; their cost inputs stay unset (unknown)
        }
    }

    // ------------------------------------------------------------------ ticket routing

    /** queue, what it owns, examples of what it owns, what it does not own, escalation. */
    private static final String[][] QUEUES = {
        {
            "billing",
            "charges, invoices, refunds of payments, VAT receipts, plan prices and payment failures",
            "a double charge; an invoice with the wrong amount; a declined card; a refund that never arrived; a price increase on the last bill",
            "refunds of returned goods (returns); account closure (account)",
            "a charge above 1,000 EUR or a customer threatening a chargeback is priority high"
        },
        {
            "technical",
            "crashes, error codes, sync and export failures, notifications, blank pages and login loops in any app or the web",
            "the app crashes on settings; error code E-something on sync; the CSV export hangs; a login page that loops",
            "password resets and two-factor problems (account); anything that looks like an intrusion (security)",
            "an outage reported by more than one customer of the same workspace is priority high"
        },
        {
            "account",
            "e-mail changes, closing accounts, password resets, admins and seats, two-factor codes, merging accounts",
            "change the e-mail of an account; close an account; reset a password; add a second admin; merge two accounts",
            "a password changed by someone else or a login from an unknown country (security)",
            "account closure requests are priority normal unless the customer mentions a legal deadline"
        },
        {
            "shipping",
            "where a parcel is, late orders, wrong addresses, delivery options and countries served",
            "tracking shows no movement; order three days late; parcel left at the wrong address; change the delivery address",
            "damaged or wrong items (returns); a charge for shipping (billing)",
            "a parcel marked delivered that never arrived is priority high after 48 hours"
        },
        {
            "returns",
            "return labels, damaged or wrong items, exchanges, return windows and refunds of returned goods",
            "a return label; a damaged item; exchange for another size; a received return not yet refunded",
            "a refund of a payment that was not a return (billing)",
            "a damaged item that is a safety hazard (battery, glass) is priority high"
        },
        {
            "security",
            "phishing, logins from unknown places, leaked keys, passwords changed by someone else, suspicious payouts, lock requests",
            "a phishing e-mail in our name; a login from another country; an API key on GitHub; a stranger changed the password; lock my account now",
            "nothing: when in doubt between security and any other queue, choose security",
            "every security ticket is priority high; never route a security incident to sales or to billing"
        },
    };

    private static final String[] TONE_RULES = {
        "Read the whole ticket before deciding: customers often describe the symptom first and the real problem last.",
        "Route by the action our team must take, not by the product the customer names.",
        "A ticket that mentions two problems goes to the queue of the problem that blocks the customer more.",
        "Ignore greetings, signatures, apologies and pleasantries; they carry no routing signal.",
        "Never ask the customer a question: you only route. If the ticket is empty or unreadable, route to technical with priority low.",
        "Do not invent queues. The six queues above are the only valid values; the legacy queues tier1, tier2 and escalations were retired in 2024.",
        "Priority is low when nothing is blocked, normal by default, and high only for the cases named in the queue descriptions.",
        "Personal data in the ticket (names, e-mail addresses, card digits) must never be repeated in your answer.",
        "Answer with one JSON object and nothing else: {\"queue\": \"<queue>\", \"priority\": \"low|normal|high\"}. No prose, no code fences.",
    };

    private static final String[][] SHOTS = {
        {"Hi, I was charged twice for my Pro subscription this month. Thanks.", "billing", "normal"},
        {"The Android app crashes every time I open settings since the last update.", "technical", "normal"},
        {"Please close my account, I no longer need it.", "account", "normal"},
        {"Where is my package? Tracking has not moved for five days.", "shipping", "normal"},
        {"The lamp in my order arrived with a broken glass shade.", "returns", "high"},
        {"Someone logged into my account from Brazil last night, I live in Finland.", "security", "high"},
        {
            "My invoice shows 1,450 EUR instead of 145 EUR. If this is not fixed I will dispute it with my bank.",
            "billing",
            "high"
        },
        {"Export to CSV hangs at 99% for our Team workspace.", "technical", "normal"},
        {"How do I add a second admin to our workspace?", "account", "low"},
        {"Can I change the delivery address of my order? I am travelling this week.", "shipping", "normal"},
        {"I need a return label, the shoes are too small.", "returns", "low"},
        {"I got an e-mail that looks like yours asking for my password. Is it real?", "security", "high"},
        {"Why did my plan price go up on the last bill?", "billing", "low"},
        {"Notifications stopped working on iOS after the update, my whole team has it.", "technical", "high"},
        {"Two-factor codes are not accepted anymore.", "account", "normal"},
        {"My parcel shows delivered three days ago but nothing came.", "shipping", "high"},
        {"My return was received two weeks ago but I have no refund yet.", "returns", "normal"},
        {"I think our API key leaked in a public repository.", "security", "high"},
        {"I need a VAT receipt for last month's payment for our accounting.", "billing", "low"},
        {"The dashboard shows a blank page since version 4.2.", "technical", "normal"},
        {"Merge my two accounts please, I used two e-mail addresses by mistake.", "account", "low"},
        {"Shipping to Norway is not offered at checkout, why?", "shipping", "low"},
        {"The wrong colour came with my order, I want the blue one.", "returns", "normal"},
        {"Please lock my account now, my password was changed and it was not me.", "security", "high"},
    };

    private void ticketRouting(Random rnd, ExampleFiles files) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# Support ticket router — system prompt (v14)\n\n");
        s.append(
                        "You are the ticket router of the customer support organisation. Every ticket that reaches support passes through you ")
                .append(
                        "before a person reads it. Your only job is to choose the queue that owns the ticket and its priority. ")
                .append(
                        "A ticket routed to the wrong queue waits on average four hours longer for a first answer, and a security ")
                .append(
                        "incident routed anywhere but security can cost far more than that, so take each decision carefully.\n\n");
        s.append("## The queues\n\n");
        for (String[] q : QUEUES) {
            s.append("### ").append(q[0]).append("\n\n");
            s.append("Owns: ").append(q[1]).append(".\n\n");
            s.append("Typical tickets: ").append(q[2]).append(".\n\n");
            s.append("Does not own: ").append(q[3]).append(".\n\n");
            s.append("Priority: ").append(q[4]).append(".\n\n");
        }
        s.append("## Rules\n\n");
        for (int i = 0; i < TONE_RULES.length; i++)
            s.append(i + 1).append(". ").append(TONE_RULES[i]).append('\n');
        s.append("\n## Hard cases we have seen\n\n");
        String[][] hard = {
            {
                "a refund request",
                "billing if it is about a payment (double charge, wrong amount), returns if the goods came back"
            },
            {"a password problem", "account when the customer cannot log in, security when someone else changed it"},
            {"a late order with a charge", "shipping; the shipping team involves billing when needed"},
            {"an error message while paying", "billing when the card is declined, technical when the page itself fails"
            },
            {
                "a complaint about an agent",
                "the queue of the underlying problem, priority normal; complaints are tracked separately"
            },
            {
                "a ticket in another language",
                "route it as if it were in English; the queues all have multilingual agents"
            },
            {"a ticket that only says 'help' or 'urgent'", "technical with priority low; the agent will ask"},
            {"an invoice question from a reseller", "billing; resellers have no separate queue since 2025"},
        };
        for (String[] h : hard)
            s.append("- For ").append(h[0]).append(": ").append(h[1]).append(".\n");
        s.append(
                        "\n## Output\n\nOne JSON object, exactly: {\"queue\": \"billing|technical|account|shipping|returns|security\", ")
                .append("\"priority\": \"low|normal|high\"}. Anything else breaks the ticketing integration.\n");
        files.write("prompts/system.md", s.toString());

        List<String[]> shots = new ArrayList<>(List.of(SHOTS));
        java.util.Collections.shuffle(shots, rnd);
        StringBuilder f = new StringBuilder("# Worked examples (few-shot), sent with every call\n\n");
        for (String[] shot : shots) {
            f.append("Ticket: ").append(shot[0]).append('\n');
            f.append("Answer: {\"queue\": \"")
                    .append(shot[1])
                    .append("\", \"priority\": \"")
                    .append(shot[2])
                    .append("\"}\n\n");
        }
        files.write("prompts/few-shot.md", f.toString());
        files.write(
                "prompts/tuned.md",
                "Route the support ticket. Answer with JSON {\"queue\": ..., \"priority\": ...}.\n");
    }

    // ------------------------------------------------------------------ policy Q&A

    private void policyQa(Random rnd, ExampleFiles files) throws IOException {
        files.write("prompts/system.md", """
                # Policy assistant — system prompt (v6)

                You answer employees' questions about company policy: travel and expenses, leave, remote work,
                equipment, data protection and conduct. Answer only from the policy sections retrieved below the
                question; every sentence that states a rule ends with the section it comes from, like
                [Travel Policy §2.4]. If the retrieved sections do not answer the question, say so and name the
                policy owner to ask. Never guess a limit, an amount or a deadline: policies change every week and
                an outdated number is worse than no answer. Keep answers under 120 words, in plain language, in
                the language of the question.
                """);
        String[][] shots = {
            {
                "Can I book business class to Singapore?",
                "Business class is allowed only for flights over eight hours, with your director's approval [Travel Policy §2.4]."
            },
            {
                "How many days can I work from abroad?",
                "Up to 20 working days a year from another EU country, registered in the HR portal beforehand [Remote Work Policy §3.1]."
            },
            {
                "Who approves a second monitor?",
                "Your team lead approves it in the equipment portal; IT ships it within ten days [Equipment Policy §1.2]."
            },
        };
        List<String[]> order = new ArrayList<>(List.of(shots));
        java.util.Collections.shuffle(order, rnd);
        StringBuilder f = new StringBuilder("# Worked examples (few-shot)\n\n");
        for (String[] s : order)
            f.append("Question: ")
                    .append(s[0])
                    .append("\nAnswer: ")
                    .append(s[1])
                    .append("\n\n");
        files.write("prompts/few-shot.md", f.toString());
        files.write(
                "prompts/tuned.md",
                "Answer the employee's question from the retrieved policy sections and cite each section.\n");
    }
}
