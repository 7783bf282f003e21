package dev.tunegate.cli;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.policy.Policy;
import dev.tunegate.retrieval.RetrievalAudit;
import dev.tunegate.retrieval.RetrievalReport;
import dev.tunegate.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tunegate retrieval [DIR]}: the retrieval audit on its own. */
@Command(
        name = "retrieval",
        header = "Measure retrieval on the golden questions (recall, nDCG).",
        mixinStandardHelpOptions = true,
        description = {
            "Index the corpus (Lucene BM25, rebuilt only when the corpus changes), run every golden question as its "
                    + "principal and report recall@1/3/5/10/k, MRR and nDCG@10 (trec_eval's definitions), access-control leaks, "
                    + "documents without groups, golden-set problems, how often the facts change and the context a call carries.",
            "Flags override the workspace's retrieval.* keys and work without a workspace."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate retrieval examples/policy-qa",
            "  tunegate retrieval --corpus docs.jsonl --golden questions.jsonl --k 10",
            "  tunegate retrieval --corpus docs.jsonl --run bm25.trec --qrels test.qrels \\",
            "      --format json",
            "",
            "Formats: docs/formats/retrieval.md"
        })
final class RetrievalCommand extends FormattedCommand {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR",
            description = "A workspace folder (holding tunegate.yaml); optional.")
    Path dir;

    @Option(
            names = "--corpus",
            paramLabel = "PATH",
            description = "A folder of .md/.txt/.html documents or a documents JSONL.")
    Path corpus;

    @Option(
            names = "--golden",
            paramLabel = "FILE",
            description = "Golden questions JSONL (id, question, relevant, groups).")
    Path golden;

    @Option(
            names = "--run",
            paramLabel = "FILE",
            description = "An external retriever's run to evaluate (TREC or JSONL).")
    Path run;

    @Option(
            names = "--qrels",
            paramLabel = "FILE",
            description = "TREC qrels (qid 0 docid rel) replacing the golden judgments.")
    Path qrels;

    @Option(names = "--k", paramLabel = "N", description = "Results a call retrieves (default: retrieval.k, else 5).")
    Integer k;

    @Override
    public Integer call() {
        RetrievalAudit.Request req;
        if (dir != null) {
            req = RetrievalAudit.Request.of(
                    Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet()));
        } else {
            req = RetrievalAudit.Request.standalone(abs(corpus), abs(golden), abs(run), abs(qrels), 5);
        }
        if (corpus != null) req = req.withCorpus(abs(corpus));
        if (golden != null) req = req.withGolden(abs(golden));
        if (run != null) req = req.withRun(abs(run));
        if (qrels != null) req = req.withQrels(abs(qrels));
        if (k != null) {
            if (k < 1) throw new InvalidInputException("--k: expected a positive integer, found " + k);
            req = req.withK(k);
        }
        if (dir == null && corpus != null) req = req.withIndexFolder(RetrievalAudit.cacheFolder(abs(corpus)));
        for (Path p : new Path[] {req.corpus(), req.golden(), req.run(), req.qrels()}) {
            if (p != null && !Files.exists(p)) throw new InvalidInputException(p + ": no such file or folder");
        }
        RetrievalReport report = RetrievalAudit.run(req, TerminalProgress.forStderr());
        return print(report, o -> printText(o, report));
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    static void printText(PrintWriter out, RetrievalReport r) {
        int k = r.parameters().k();
        out.printf(
                Locale.ROOT,
                "Retrieval audit (%s): %s, %s, %s (%d judged)%n",
                r.evaluated(),
                count(r.documents(), "document"),
                count(r.chunks(), "chunk"),
                count(r.questions(), "question"),
                r.judgedQuestions());
        if (r.recallAtConfiguredK() != null) {
            RetrievalReport.Interval ci = r.intervals().get("recall@" + k);
            out.printf(
                    Locale.ROOT,
                    "  recall@%d  %.3f  (95%% %.3f–%.3f)%s%n",
                    k,
                    r.recallAtConfiguredK(),
                    ci.low(),
                    ci.high(),
                    r.recallAtConfiguredK() < 0.80
                            ? "  below 80 %: fix the index and chunking first (FIX-RECALL)"
                            : "");
            StringBuilder b = new StringBuilder("  recall    ");
            for (Map.Entry<String, Double> e : r.recallAtK().entrySet())
                b.append(String.format(Locale.ROOT, "@%s %.3f  ", e.getKey(), e.getValue()));
            out.println(b.toString().stripTrailing());
            out.printf(Locale.ROOT, "  MRR %.3f   nDCG@10 %.3f%n", r.mrr(), r.ndcgAt10());
        } else {
            out.println("  no judged golden questions: recall is unknown");
        }
        out.println();
        out.println("Access control:");
        out.println("  documents without groups: " + r.documentsWithoutGroups()
                + (r.parameters().publicDocuments() ? " (documents without groups are declared public)" : ""));
        out.println("  leaks: " + r.leaks().size() + (r.leaks().isEmpty() ? "" : "  BLOCKER (FIX-ACL)"));
        r.leaks().stream()
                .limit(5)
                .forEach(l -> out.println("    " + l.question() + " got " + l.document() + " (rank " + l.rank()
                        + ", groups " + l.documentGroups() + ") as " + l.principalGroups()));
        if (r.unfilteredExposure() != null) {
            out.println("  without the group filter: "
                    + count(r.unfilteredExposure().results(), "result") + " in "
                    + r.unfilteredExposure().questionsExposed() + " of "
                    + count(r.unfilteredExposure().questionsChecked(), "question") + " would leak");
        }
        if (r.anonymous() != null) {
            out.println("  anonymous user: results for " + r.anonymous().questionsWithResults() + " of "
                    + count(r.anonymous().questions(), "question") + ", "
                    + count(r.anonymous().documentsSeenCount(), "distinct document"));
        }
        out.println();
        if (r.medianChangeIntervalDays() != null) {
            out.printf(
                    Locale.ROOT,
                    "Facts change every %.1f days (median)%s%n",
                    r.medianChangeIntervalDays(),
                    r.medianChangeIntervalDays() <= 7 ? ": weekly or faster, keep them in retrieval (NO-FRESH)" : "");
        }
        if (r.contextTokensP50() != null) {
            out.println("Context per call: p50 " + r.contextTokensP50() + " tokens, p95 " + r.contextTokensP95()
                    + " (top-" + k + " chunks)");
        }
        if (!r.goldenSetProblems().isEmpty()) {
            out.println();
            out.println("Golden set:");
            r.goldenSetProblems()
                    .forEach(p -> out.println("  " + p.sentence() + "\n    → " + p.suggestion()
                            + (p.examples().isEmpty()
                                    ? ""
                                    : "\n    e.g. "
                                            + String.join(
                                                    ", ",
                                                    p.examples()
                                                            .subList(
                                                                    0,
                                                                    Math.min(
                                                                            3,
                                                                            p.examples()
                                                                                    .size()))))));
        }
        if (!r.misses().isEmpty()) {
            out.println();
            out.println("Worst questions (" + r.misses().size() + " missed a relevant document in the top " + k + "):");
            for (RetrievalReport.Miss m :
                    r.misses().subList(0, Math.min(5, r.misses().size()))) {
                out.printf(
                        Locale.ROOT,
                        "  %s  recall@%d %.2f  \"%s\"%n",
                        m.id(),
                        k,
                        m.recallAtK(),
                        abbreviate(m.question(), 70));
                out.println("    missing: "
                        + String.join(
                                ", ",
                                m.missing().subList(0, Math.min(5, m.missing().size()))));
                StringBuilder b = new StringBuilder("    got:     ");
                m.returned().stream()
                        .limit(5)
                        .forEach(x -> b.append(
                                x.score() == null
                                        ? x.document() + "  "
                                        : String.format(Locale.ROOT, "%s (%.2f)  ", x.document(), x.score())));
                out.println(b.toString().stripTrailing());
            }
        }
        if (!r.findings().isEmpty()) {
            out.println();
            out.println("Skipped or repaired (" + r.findings().size() + "):");
            r.findings().stream().limit(5).forEach(f -> out.println("  " + f.display()));
        }
        if (r.index() != null) {
            out.println();
            out.println("Index: " + r.index().path()
                    + (Boolean.TRUE.equals(r.index().rebuilt()) ? " (rebuilt)" : " (up to date)") + "; "
                    + r.timings().get("total") + " ms");
        }
    }

    /** "1 result", "3 results". */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String abbreviate(String s, int n) {
        String t = s.replace('\n', ' ');
        return t.length() <= n ? t : t.substring(0, n - 1) + "…";
    }
}
