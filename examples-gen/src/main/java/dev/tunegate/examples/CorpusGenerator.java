package dev.tunegate.examples;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The retrieval artifacts of the examples: a corpus whose documents carry the groups allowed to read
 * them and their update history, and golden questions asked by principals (their groups).
 * <ul>
 * <li>policy-qa — Markdown policies with front matter, updated weekly, every document grouped;
 *     questions mostly phrased with the policy's own words, so BM25 recall is high (a healthy index).</li>
 * <li>ticket-routing — a small JSONL knowledge base of routing guides, revised quarterly, grouped;
 *     healthy, so retrieval does not stand in the way of the fine-tune decision.</li>
 * <li>support-kb — HTML help-centre articles with sidecar metadata where the internal articles were
 *     never given groups, and the run of the demo's retriever, which does not filter by groups:
 *     customers are served internal articles (the index leaks).</li>
 * </ul>
 */
final class CorpusGenerator implements ArtifactGenerator {

    /** A document: id, title, groups, sections (heading, text), and the questions it answers (asked as {@code askers}). */
    record Doc(
            String id,
            String title,
            List<String> groups,
            List<String[]> sections,
            List<String> questions,
            List<String> askers) {}

    @Override
    public void generate(Example ex, ExampleFiles files) throws IOException {
        Random rnd = new Random(ex.seedFor("corpus"));
        switch (ex.name()) {
            case "policy-qa" -> policyQa(rnd, files);
            case "ticket-routing" -> ticketRouting(rnd, files);
            case "support-kb" -> supportKb(rnd, files);
            default -> throw new IllegalArgumentException(ex.name());
        }
    }

    // ------------------------------------------------------------------ policy-qa

    private static List<Doc> policies(Random rnd) {
        List<String> all = List.of("all-employees");
        int leaveWeeks = 14 + rnd.nextInt(5);
        int remoteDays = 2 + rnd.nextInt(2);
        int perDiem = 40 + 5 * rnd.nextInt(5);
        int retentionYears = 5 + rnd.nextInt(4);
        return List.of(
                new Doc(
                        "pol-parental-leave",
                        "Parental leave",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "Entitlement",
                                    "Every parent receives " + leaveWeeks
                                            + " weeks of fully paid parental leave after the birth or adoption of a child."
                                },
                                new String[] {
                                    "Requesting leave",
                                    "Parental leave is requested in the HR portal at least eight weeks before the planned start date."
                                }),
                        List.of(
                                "How many weeks of paid parental leave do parents receive?",
                                "How far in advance must parental leave be requested in the HR portal?"),
                        all),
                new Doc(
                        "pol-remote-work",
                        "Remote work",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "Remote days",
                                    "Employees may work remotely up to " + remoteDays
                                            + " days per week with their manager's agreement."
                                },
                                new String[] {
                                    "Working abroad",
                                    "Working remotely from another country is limited to twenty days per year and needs a tax check."
                                }),
                        List.of(
                                "How many remote work days per week are allowed?",
                                "Can I work remotely from another country, and for how many days per year?"),
                        all),
                new Doc(
                        "pol-travel-expenses",
                        "Travel and expenses",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "Per diem",
                                    "The meal per diem for business travel is " + perDiem
                                            + " EUR per day; receipts are not required."
                                },
                                new String[] {
                                    "Claims",
                                    "Expense claims are submitted within thirty days of the trip with the project code."
                                }),
                        List.of(
                                "What is the meal per diem for business travel?",
                                "Within how many days must expense claims be submitted?"),
                        all),
                new Doc(
                        "pol-code-of-conduct",
                        "Code of conduct",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "Gifts",
                                    "Gifts from suppliers worth more than fifty EUR must be declared to compliance and may not be kept."
                                },
                                new String[] {
                                    "Conflicts of interest",
                                    "Side jobs and shareholdings in suppliers are declared as conflicts of interest once a year."
                                }),
                        List.of(
                                "Which supplier gifts must be declared to compliance?",
                                "How do I declare a side job as a conflict of interest?"),
                        all),
                new Doc(
                        "pol-data-retention",
                        "Data retention",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "Customer records",
                                    "Customer records are kept for " + retentionYears
                                            + " years after the end of the contract, then deleted."
                                },
                                new String[] {
                                    "Email", "Email is archived after two years; legal hold suspends deletion."
                                }),
                        List.of(
                                "How long are customer records kept after the contract ends?",
                                "When is email archived and what suspends deletion?"),
                        all),
                new Doc(
                        "pol-security-incidents",
                        "Reporting security incidents",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "What to report",
                                    "Report phishing, lost laptops and suspected data breaches to the security desk within one hour."
                                },
                                new String[] {
                                    "How to report",
                                    "Call the security desk hotline or use the report phishing button in the mail client."
                                }),
                        List.of(
                                "How quickly must a lost laptop or suspected data breach be reported?",
                                "How do I report a phishing email?"),
                        all),
                new Doc(
                        "pol-sick-leave",
                        "Sick leave",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "Notification",
                                    "Notify your manager of sick leave before nine o'clock on the first day of absence."
                                },
                                new String[] {
                                    "Doctor's note", "A doctor's note is required from the fourth day of sick leave."
                                }),
                        List.of(
                                "From which day of sick leave is a doctor's note required?",
                                "By what time must I notify my manager of sick leave?"),
                        all),
                new Doc(
                        "pol-office-animals",
                        "Animals in the office",
                        all,
                        List.<String[]>of(new String[] {
                            "Rules",
                            "Animals are admitted on the ground floor only, on a leash, after colleagues on the floor have agreed."
                        }),
                        List.of("Can I bring my dog to work?"),
                        all),
                new Doc(
                        "pol-training-budget",
                        "Training budget",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "Budget",
                                    "Each employee has an annual training budget of one thousand five hundred EUR for courses and conferences."
                                },
                                new String[] {
                                    "Approval",
                                    "Training budget requests above five hundred EUR need the manager's approval in the learning portal."
                                }),
                        List.of(
                                "What is the annual training budget for courses and conferences?",
                                "Which training budget requests need manager approval?"),
                        all),
                new Doc(
                        "pol-salary-bands",
                        "Salary bands",
                        List.of("hr", "managers"),
                        List.<String[]>of(
                                new String[] {
                                    "Bands",
                                    "Salary bands are reviewed every March; each level has a band with a minimum, midpoint and maximum."
                                },
                                new String[] {
                                    "Exceptions",
                                    "Offers above the band maximum need approval from the compensation committee."
                                }),
                        List.of(
                                "When are salary bands reviewed?",
                                "Who approves an offer above the salary band maximum?"),
                        List.of("managers")),
                new Doc(
                        "pol-performance-reviews",
                        "Performance reviews",
                        List.of("hr", "managers"),
                        List.<String[]>of(
                                new String[] {
                                    "Calibration",
                                    "Managers calibrate performance review ratings in a calibration meeting each November."
                                },
                                new String[] {
                                    "Underperformance",
                                    "A performance improvement plan lasts sixty days and is agreed with HR before it starts."
                                }),
                        List.of(
                                "When do managers calibrate performance review ratings?",
                                "How long does a performance improvement plan last?"),
                        List.of("managers")),
                new Doc(
                        "pol-disciplinary",
                        "Disciplinary procedure",
                        List.of("hr"),
                        List.<String[]>of(new String[] {
                            "Hearings",
                            "A disciplinary hearing is announced in writing five working days ahead; the employee may bring a colleague."
                        }),
                        List.of("How many days ahead is a disciplinary hearing announced?"),
                        List.of("hr")),
                new Doc(
                        "pol-payroll-calendar",
                        "Payroll calendar",
                        List.of("hr", "finance"),
                        List.<String[]>of(new String[] {
                            "Cut-off",
                            "Payroll cut-off is the fifteenth of the month; changes after the payroll cut-off move to the next month."
                        }),
                        List.of("What is the payroll cut-off date?"),
                        List.of("finance")),
                new Doc(
                        "pol-procurement",
                        "Procurement",
                        List.of("finance", "managers"),
                        List.<String[]>of(new String[] {
                            "Thresholds",
                            "Purchases above ten thousand EUR need three quotes and a purchase order approved by finance."
                        }),
                        List.of("How many quotes are needed for purchases above ten thousand EUR?"),
                        List.of("managers")),
                new Doc(
                        "pol-company-cars",
                        "Company cars",
                        all,
                        List.<String[]>of(
                                new String[] {
                                    "Eligibility",
                                    "Company cars are offered from level L6 and for field sales roles; the lease runs four years."
                                },
                                new String[] {
                                    "Fuel",
                                    "Private fuel is paid by the employee; the fuel card covers business trips only."
                                }),
                        List.of("Who is eligible for a company car?", "Does the fuel card cover private trips?"),
                        all),
                new Doc(
                        "pol-whistleblowing",
                        "Whistleblowing",
                        all,
                        List.<String[]>of(new String[] {
                            "Channel",
                            "Concerns about fraud or misconduct can be raised anonymously through the whistleblowing channel run by an external ombudsperson."
                        }),
                        List.of(
                                "Who runs the anonymous whistleblowing channel for fraud concerns?",
                                "Where do I tell someone confidentially that my boss is cooking the books?"),
                        all));
    }

    private static void policyQa(Random rnd, ExampleFiles files) throws IOException {
        List<Doc> docs = policies(rnd);
        LocalDate start = LocalDate.of(2025, 9, 1);
        for (Doc d : docs) {
            // weekly revisions: every 7 days, occasionally a week skipped (14 days); 6–12 revisions
            List<LocalDate> updated = new ArrayList<>();
            LocalDate day = start.plusDays(rnd.nextInt(7));
            int n = 6 + rnd.nextInt(7);
            for (int i = 0; i < n; i++) {
                updated.add(day);
                day = day.plusDays(rnd.nextInt(6) == 0 ? 14 : 7);
            }
            StringBuilder md = new StringBuilder("---\n");
            md.append("id: ").append(d.id()).append('\n');
            md.append("title: ").append(d.title()).append('\n');
            md.append("groups: [").append(String.join(", ", d.groups())).append("]\n");
            md.append("updated: [")
                    .append(String.join(
                            ", ", updated.stream().map(LocalDate::toString).toList()))
                    .append("]\n");
            md.append("source: https://intranet.example.com/policies/")
                    .append(d.id().substring(4))
                    .append('\n');
            md.append("---\n# ").append(d.title()).append("\n\n");
            for (String[] s : d.sections()) {
                md.append("## ")
                        .append(s[0])
                        .append("\n\n")
                        .append(s[1])
                        .append("\n\n")
                        .append(boilerplate(rnd, d.title()))
                        .append("\n\n");
            }
            files.write("corpus/" + d.id().substring(4) + ".md", md.toString());
        }
        files.writeJsonl("retrieval/questions.jsonl", questions(docs, "pq"));
    }

    /** What real policy sections carry around their one fact: scope, roles, exceptions, records (~500 tokens). */
    private static final String[] BOILERPLATE = {
        "This section applies to all employees, contractors and interns in every country where the company operates, unless local law requires otherwise.",
        "Questions about the %s policy are answered by People Operations; answers given by email do not change the policy text.",
        "Managers apply the %s policy consistently within their teams and document every exception they grant, with the reason.",
        "Where a collective agreement or a works council agreement grants more favourable terms, that agreement prevails over this section.",
        "Records created under this section are kept in the HR system and handled according to the employee data protection notice.",
        "The policy office reviews the %s policy regularly; the version in force is the one published on the intranet on the day of the question.",
        "Earlier versions of this section are archived and must not be relied upon, even if copies circulate in team spaces or chat channels.",
        "Employees who are unsure whether a situation is covered should ask before acting; acting in good faith on written guidance is never sanctioned.",
        "Breaches of this section are handled under the disciplinary procedure, proportionate to their seriousness and to any harm caused.",
        "Country annexes may add requirements to this section; where an annex and this section conflict, the stricter rule applies.",
        "Part-time employees receive the entitlements of this section in proportion to their contractual working time, unless stated otherwise.",
        "New joiners are introduced to the %s policy during onboarding and confirm in the learning portal that they have read it.",
        "Nothing in this section limits rights that employees have under statutory law, which always takes precedence.",
        "Terms such as working day, manager and team are defined in the glossary of the employee handbook and have the same meaning here.",
        "Decisions under this section are communicated in writing, and the employee may ask for a review by the next level of management.",
        "Temporary measures announced by the executive team may suspend parts of this section for a limited period, stated in the announcement.",
        "The HR business partner of each division is the first point of contact for managers applying the %s policy to a specific case.",
        "Data about individual cases is shared only with the people who need it to apply this section, and never in public channels.",
        "Translations of the %s policy are provided for convenience; if a translation differs from the English text, the English text applies.",
        "Feedback on this section is welcome through the policy office's intranet page and is considered at the next scheduled review.",
    };

    private static String boilerplate(Random rnd, String title) {
        List<String> pool = new ArrayList<>(List.of(BOILERPLATE));
        StringBuilder b = new StringBuilder();
        int n = 14 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            String sentence = pool.remove(rnd.nextInt(pool.size()));
            if (i > 0) b.append(i % 4 == 0 ? "\n\n" : " ");
            b.append(
                    sentence.contains("%s")
                            ? String.format(Locale.ROOT, sentence, title.toLowerCase(Locale.ROOT))
                            : sentence);
        }
        return b.toString();
    }

    private static List<Map<String, Object>> questions(List<Doc> docs, String prefix) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Doc d : docs) {
            for (String q : d.questions()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", String.format(Locale.ROOT, "%s-%03d", prefix, rows.size() + 1));
                row.put("question", q);
                row.put("relevant", List.of(d.id()));
                row.put("groups", d.askers());
                rows.add(row);
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ ticket-routing

    private static List<Doc> routingGuides() {
        List<String> agents = List.of("support-agents");
        return List.of(
                new Doc(
                        "rg-001",
                        "Billing queue",
                        agents,
                        List.<String[]>of(new String[] {
                            "Scope",
                            "Double charges, wrong invoice amounts, refunds not received, declined card payments and VAT receipts go to the billing queue."
                        }),
                        List.of(
                                "Customer was charged twice for a subscription: which queue?",
                                "Where do VAT receipt requests go?"),
                        agents),
                new Doc(
                        "rg-002",
                        "Technical queue",
                        agents,
                        List.<String[]>of(new String[] {
                            "Scope",
                            "App crashes, sync error codes, CSV exports that hang and integration failures go to the technical queue with the app version."
                        }),
                        List.of(
                                "The app crashes when opening settings: which queue?",
                                "Which queue handles sync error codes?"),
                        agents),
                new Doc(
                        "rg-003",
                        "Account queue",
                        agents,
                        List.<String[]>of(new String[] {
                            "Scope",
                            "Password resets, locked accounts, email address changes and two-factor authentication problems go to the account queue."
                        }),
                        List.of(
                                "Where do password reset tickets go?",
                                "Customer lost the phone with the two-factor authentication app"),
                        agents),
                new Doc(
                        "rg-004",
                        "Shipping queue",
                        agents,
                        List.<String[]>of(new String[] {
                            "Scope",
                            "Late parcels, wrong delivery addresses, damaged parcels on arrival and tracking numbers that do not update go to the shipping queue."
                        }),
                        List.of(
                                "Tracking number has not updated for a week: which queue?",
                                "Parcel arrived damaged: where does it go?"),
                        agents),
                new Doc(
                        "rg-005",
                        "Returns queue",
                        agents,
                        List.<String[]>of(new String[] {
                            "Scope",
                            "Return labels, exchanges for another size and returns after the thirty-day window go to the returns queue."
                        }),
                        List.of(
                                "Customer wants to exchange for another size: which queue?",
                                "Return requested after the thirty-day window"),
                        agents),
                new Doc(
                        "rg-006",
                        "Security queue",
                        List.of("support-agents", "security-team"),
                        List.<String[]>of(new String[] {
                            "Scope",
                            "Suspected account takeover, phishing emails using our brand and reports of leaked customer data go to the security queue, never to sales."
                        }),
                        List.of(
                                "A customer reports a phishing email using our brand",
                                "Suspected account takeover: which queue?"),
                        agents),
                new Doc(
                        "rg-007",
                        "Priority rules",
                        agents,
                        List.<String[]>of(
                                new String[] {
                                    "Urgent",
                                    "Priority is urgent when the customer cannot log in at all, or when a security incident is reported."
                                },
                                new String[] {
                                    "Low", "Priority is low for feature requests and general questions about plans."
                                }),
                        List.of("When is a ticket priority urgent?", "What priority do feature requests get?"),
                        agents),
                new Doc(
                        "rg-008",
                        "Retired legacy queues",
                        agents,
                        List.<String[]>of(new String[] {
                            "Mapping",
                            "The tier1, tier2 and escalations queues were retired in 2025; tickets are routed by topic instead of by tier."
                        }),
                        List.of("Can I still route to the tier2 queue?"),
                        agents),
                new Doc(
                        "rg-009",
                        "Security escalation contacts",
                        List.of("security-team"),
                        List.<String[]>of(new String[] {
                            "On call",
                            "The security on-call engineer is paged through the incident tool for data leaks reported outside office hours."
                        }),
                        List.of("How is the security on-call engineer paged for a data leak at night?"),
                        List.of("security-team")),
                new Doc(
                        "rg-010",
                        "Language routing",
                        agents,
                        List.<String[]>of(new String[] {
                            "Languages",
                            "Tickets in German, French and Spanish keep their topic queue and get the language tag; other languages go to the English team."
                        }),
                        List.of("Where do tickets written in Spanish go?", "A ticket in Polish: which team?"),
                        agents));
    }

    private static void ticketRouting(Random rnd, ExampleFiles files) throws IOException {
        List<Doc> docs = routingGuides();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Doc d : docs) {
            // routing guides are revised each quarter: 91 days ± a week, 3–5 revisions
            List<String> updated = new ArrayList<>();
            LocalDate day = LocalDate.of(2025, 1, 6).plusDays(rnd.nextInt(14));
            int n = 3 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                updated.add(day.toString());
                day = day.plusDays(84 + rnd.nextInt(15));
            }
            StringBuilder text = new StringBuilder("# ").append(d.title()).append("\n\n");
            for (String[] s : d.sections())
                text.append("## ").append(s[0]).append("\n\n").append(s[1]).append("\n\n");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", d.id());
            row.put("title", d.title());
            row.put("text", text.toString());
            row.put("groups", d.groups());
            row.put("updated", updated);
            row.put("source", "confluence://support/routing/" + d.id());
            rows.add(row);
        }
        files.writeJsonl("kb/routing-guides.jsonl", rows);
        files.writeJsonl("retrieval/questions.jsonl", questions(docs, "tr"));
    }

    // ------------------------------------------------------------------ support-kb

    private static List<Doc> articles() {
        List<String> customers = List.of("customers", "agents");
        List<String> none = List.of();
        List<String> asCustomer = List.of("customers");
        return List.of(
                new Doc(
                        "kb-0101",
                        "How to request a refund",
                        customers,
                        List.<String[]>of(new String[] {
                            "Refunds",
                            "Request a refund from the orders page within thirty days; the refund reaches your card in five to ten days."
                        }),
                        List.of("How do I request a refund for my order?", "How long until my refund reaches my card?"),
                        asCustomer),
                new Doc(
                        "kb-0102",
                        "Resetting your password",
                        customers,
                        List.<String[]>of(new String[] {
                            "Password",
                            "Use the forgot password link on the login page; the reset link in the email is valid for one hour."
                        }),
                        List.of("How do I reset my password?"),
                        asCustomer),
                new Doc(
                        "kb-0103",
                        "Changing your delivery address",
                        customers,
                        List.<String[]>of(new String[] {
                            "Address", "You can change the delivery address until the parcel is handed to the carrier."
                        }),
                        List.of("Can I change the delivery address of my order?"),
                        asCustomer),
                new Doc(
                        "kb-0104",
                        "Exporting your data to CSV",
                        customers,
                        List.<String[]>of(new String[] {
                            "Export",
                            "Settings, then Data, then Export: the CSV export contains all invoices and orders of the last two years."
                        }),
                        List.of("How do I export my invoices to CSV?"),
                        asCustomer),
                new Doc(
                        "kb-0105",
                        "Two-factor authentication",
                        customers,
                        List.<String[]>of(new String[] {
                            "Setup",
                            "Turn on two-factor authentication in security settings and store the recovery codes somewhere safe."
                        }),
                        List.of("How do I turn on two-factor authentication?", "I lost my phone and cannot log in"),
                        asCustomer),
                new Doc(
                        "kb-0106",
                        "Plans and pricing",
                        customers,
                        List.<String[]>of(new String[] {
                            "Plans",
                            "The Basic plan costs nine EUR per month, the Team plan twenty-nine EUR per user; annual billing saves two months."
                        }),
                        List.of("How much does the Team plan cost per user?", "Is annual billing cheaper?"),
                        asCustomer),
                new Doc(
                        "kb-0107",
                        "Cancelling your subscription",
                        customers,
                        List.<String[]>of(new String[] {
                            "Cancel",
                            "Cancel your subscription in billing settings; it stays active until the end of the paid period."
                        }),
                        List.of("How do I cancel my subscription?"),
                        asCustomer),
                new Doc(
                        "kb-0108",
                        "Damaged parcels",
                        customers,
                        List.<String[]>of(new String[] {
                            "Damage",
                            "Report a damaged parcel within forty-eight hours with a photo; we send a replacement at no cost."
                        }),
                        List.of("My parcel arrived damaged, what do I do?"),
                        asCustomer),
                // internal articles: the demo indexed them without any groups, or for agents only
                new Doc(
                        "int-0901",
                        "INTERNAL: refund override procedure",
                        none,
                        List.<String[]>of(new String[] {
                            "Override",
                            "Agents can override the thirty-day refund window for customers with a refund request and a goodwill code up to one hundred EUR."
                        }),
                        List.of(),
                        List.of()),
                new Doc(
                        "int-0902",
                        "INTERNAL: password reset for locked enterprise accounts",
                        none,
                        List.<String[]>of(new String[] {
                            "Enterprise",
                            "To reset the password of a locked enterprise account, verify the admin by phone, then force the reset link from the admin console."
                        }),
                        List.of(),
                        List.of()),
                new Doc(
                        "int-0903",
                        "INTERNAL: pricing discounts agents may grant",
                        List.of("agents"),
                        List.<String[]>of(new String[] {
                            "Discounts",
                            "Agents may grant up to twenty percent off the Team plan price per user for annual billing to keep a customer from cancelling the subscription."
                        }),
                        List.of(),
                        List.of()),
                new Doc(
                        "int-0904",
                        "INTERNAL: carrier damage claims",
                        none,
                        List.<String[]>of(new String[] {
                            "Claims",
                            "File the damage claim with the carrier using the parcel tracking number before sending the customer a replacement for a damaged parcel."
                        }),
                        List.of(),
                        List.of()),
                new Doc(
                        "int-0905",
                        "INTERNAL: data export of deleted accounts",
                        List.of("agents"),
                        List.<String[]>of(new String[] {
                            "Deleted",
                            "Exports of deleted accounts are produced by engineering on request; the CSV export button does not work for them."
                        }),
                        List.of(),
                        List.of()));
    }

    private static void supportKb(Random rnd, ExampleFiles files) throws IOException {
        List<Doc> docs = articles();
        for (Doc d : docs) {
            StringBuilder html = new StringBuilder("<!doctype html>\n<html><head><title>")
                    .append(d.title())
                    .append("</title></head>\n<body>\n<h1>")
                    .append(d.title())
                    .append("</h1>\n");
            for (String[] s : d.sections())
                html.append("<h2>")
                        .append(s[0])
                        .append("</h2>\n<p>")
                        .append(s[1])
                        .append("</p>\n");
            html.append("</body></html>\n");
            files.write("help-centre/" + d.id() + ".html", html.toString());
            // monthly article reviews: 28–33 days apart, 3–6 of them
            List<String> updated = new ArrayList<>();
            LocalDate day = LocalDate.of(2025, 6, 2).plusDays(rnd.nextInt(10));
            int n = 3 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                updated.add(day.toString());
                day = day.plusDays(28 + rnd.nextInt(6));
            }
            StringBuilder meta = new StringBuilder("id: ").append(d.id()).append('\n');
            if (!d.groups().isEmpty())
                meta.append("groups: [").append(String.join(", ", d.groups())).append("]\n");
            meta.append("updated: [").append(String.join(", ", updated)).append("]\n");
            meta.append("source: https://help.example.com/articles/")
                    .append(d.id())
                    .append('\n');
            files.write("help-centre/" + d.id() + ".meta.yaml", meta.toString());
        }
        List<Map<String, Object>> questions = questions(docs, "kb");
        files.writeJsonl("retrieval/questions.jsonl", questions);
        files.write("retrieval/demo-retriever.trec", demoRun(docs, questions));
    }

    /**
     * The run of the demo's retriever: word-overlap scoring over every article, no group filter,
     * top 5 per question — so internal articles reach customers.
     */
    private static String demoRun(List<Doc> docs, List<Map<String, Object>> questions) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> q : questions) {
            Set<String> words = words((String) q.get("question"));
            record Scored(String id, double score) {}
            List<Scored> scored = new ArrayList<>();
            for (Doc d : docs) {
                StringBuilder text = new StringBuilder(d.title());
                for (String[] s : d.sections()) text.append(' ').append(s[1]);
                Set<String> dw = words(text.toString());
                long overlap = words.stream().filter(dw::contains).count();
                if (overlap > 0) scored.add(new Scored(d.id(), overlap + 1.0 / (1 + dw.size())));
            }
            scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id));
            for (int i = 0; i < Math.min(5, scored.size()); i++) {
                out.append(q.get("id"))
                        .append(" Q0 ")
                        .append(scored.get(i).id())
                        .append(' ')
                        .append(i + 1)
                        .append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", scored.get(i).score()))
                        .append(" demo-overlap\n");
            }
        }
        return out.toString();
    }

    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "how", "do", "i", "my", "of", "to", "is", "for", "can", "what", "and", "in", "it", "on",
            "until");

    private static Set<String> words(String s) {
        Set<String> out = new TreeSet<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
            if (w.length() > 1 && !STOP.contains(w)) out.add(w);
        return out;
    }
}
