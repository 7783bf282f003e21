package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalsAndRegressCommandTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** n items; item j passes when j < passing. */
    private Path run(String name, int n, int passing) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < n; j++) {
            b.append("{\"run\":\"")
                    .append(name)
                    .append("\",\"item\":\"q")
                    .append(j)
                    .append("\",\"passed\":")
                    .append(j < passing)
                    .append(",\"tags\":{\"era\":\"")
                    .append(j % 2 == 0 ? "2025" : "2026")
                    .append("\"}}\n");
        }
        Path f = tmp.resolve(name + ".jsonl");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void regress_prints_the_json_contract_and_exits_0_on_pass() throws IOException {
        Path a = run("base", 2000, 1500), b = run("cand", 2000, 1510);
        CliRun r = CliRun.of("regress", "--baseline", a.toString(), "--candidate", b.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
        assertThat(json.get("sharedItems").asInt()).isEqualTo(2000);
        assertThat(json.get("improved")).hasSize(10);
        assertThat(json.get("regressed")).isEmpty();
        assertThat(json.get("baselineAccuracy").get("estimate").asDouble()).isEqualTo(0.75);
        assertThat(json.get("candidateAccuracy").get("estimate").asDouble()).isEqualTo(0.755);
        assertThat(json.get("difference").has("low")).isTrue();
        assertThat(json.get("mcnemarP").asDouble()).isEqualTo(2.0 / 1024);
    }

    @Test
    void regress_exits_1_on_a_regression_and_writes_junit_xml_to_a_file() throws IOException {
        Path a = run("base", 200, 160), b = run("cand", 200, 130);
        Path xml = tmp.resolve("out/regress.xml");
        CliRun r = CliRun.of(
                "regress",
                "--baseline",
                a.toString(),
                "--candidate",
                b.toString(),
                "--format",
                "junit",
                "-o",
                xml.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("REGRESSION");
        String text = Files.readString(xml);
        assertThat(text)
                .startsWith("<?xml")
                .contains("<testsuite name=\"tunegate regress\"")
                .contains("<failure type=\"REGRESSION\"")
                .contains("era=2025");
    }

    @Test
    void regress_markdown_and_text_name_the_verdict() throws IOException {
        Path a = run("base", 30, 20), b = run("cand", 30, 20);
        CliRun md =
                CliRun.of("regress", "--baseline", a.toString(), "--candidate", b.toString(), "--format", "markdown");
        assertThat(md.exitCode()).isZero();
        assertThat(md.out()).contains("**INCONCLUSIVE**").contains("| baseline |");
        CliRun text = CliRun.of("regress", "--baseline", a.toString(), "--candidate", b.toString());
        assertThat(text.out()).contains("INCONCLUSIVE").contains("more paired items would be needed");
    }

    @Test
    void a_bad_margin_is_a_usage_error_and_a_missing_file_is_invalid_input() throws IOException {
        Path a = run("base", 10, 5);
        assertThat(CliRun.of("regress", "--baseline", a.toString(), "--candidate", a.toString(), "--margin", "5")
                        .exitCode())
                .isEqualTo(2);
        CliRun missing = CliRun.of(
                "regress",
                "--baseline",
                a.toString(),
                "--candidate",
                tmp.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).startsWith("error: ").contains("nope.jsonl");
    }

    @Test
    void evals_on_a_folder_of_csv_exports_draws_the_chart_and_reports_the_footer() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("preds"));
        for (int it = 1; it <= 3; it++) {
            StringBuilder b = new StringBuilder("user_query,gold_label,prediction,match\n");
            for (int j = 0; j < 40; j++) {
                boolean pass = j < 20 + it;
                b.append("q")
                        .append(j)
                        .append(",a,")
                        .append(pass ? "a" : "b")
                        .append(',')
                        .append(pass ? "TRUE" : "FALSE")
                        .append('\n');
            }
            b.append("TOTAL_TRUE,,").append(20 + it).append(",\n");
            Files.writeString(d.resolve("run-" + it + ".csv"), b.toString());
        }
        CliRun r = CliRun.of("evals", d.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Eval history: 3 iterations")
                .contains("run-1")
                .contains("[")
                .contains("*")
                .contains("footer or summary row")
                .contains("run-1.csv:42");
        CliRun json = CliRun.of("evals", d.toString(), "--format", "json", "--seed", "9");
        JsonNode node = JSON.readTree(json.out());
        assertThat(node.get("seed").asInt()).isEqualTo(9);
        assertThat(node.get("iterations")).hasSize(3);
        assertThat(node.get("iterations").get(2).get("accuracy").asDouble()).isEqualTo(23 / 40.0);
        assertThat(node.has("recurringErrorClass")).isTrue();
    }

    @Test
    void regress_with_only_a_workspace_compares_its_configured_runs_as_evals_does() throws IOException {
        // the workspace's golden-set regression computed twice, independently: by the evals analyzer (what assess and
        // pilot report) and by regress from the workspace's evals.baseline / evals.candidate; the same numbers
        for (String example : new String[] {"ticket-routing", "policy-qa"}) {
            Path ws = AssessEndToEndTest.copyExample(example, tmp.resolve(example));
            if (example.equals("policy-qa")) { // the workspace's margin, not the default, on both sides
                Path config = ws.resolve("tunegate.yaml");
                Files.writeString(
                        config,
                        Files.readString(config).replace("\npilot:\n", "\npilot:\n  nonInferiorityMargin: 0.05\n"));
            }
            JsonNode evals = JSON.readTree(CliRun.of("evals", ws.toString(), "--format", "json")
                            .out())
                    .get("regression");
            CliRun r = CliRun.of("regress", "--workspace", ws.toString(), "--format", "json", "--as-of", "2026-12-01");
            JsonNode regress = JSON.readTree(r.out());
            assertThat(r.exitCode())
                    .as(r.err())
                    .isEqualTo(evals.get("verdict").asText().equals("REGRESSION") ? 1 : 0);
            if (example.equals("policy-qa"))
                assertThat(regress.get("margin").asDouble()).isEqualTo(0.05);
            for (String field : new String[] {
                "verdict", "margin", "sharedItems", "improved", "regressed", "difference", "mcnemarP", "byErrorClass"
            }) {
                assertThat(regress.get(field)).as(example + " " + field).isEqualTo(evals.get(field));
            }
            assertThat(r.err()).contains("recorded in");
            assertThat(Files.readString(ws.resolve("evals/regress-log.jsonl")))
                    .contains(evals.get("verdict").asText());
        }
    }

    @Test
    void regress_without_runs_or_a_workspace_names_what_is_missing() throws IOException {
        CliRun none = CliRun.of("regress");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--baseline=FILE, --candidate=FILE").contains("--workspace DIR");
        Path a = run("base", 10, 5);
        CliRun one = CliRun.of("regress", "--baseline", a.toString());
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("Missing required option: --candidate=FILE");
        // a workspace without golden-set runs: the config file and the field, and how to give the run instead
        Path ws = AssessEndToEndTest.copyExample("ticket-routing", tmp.resolve("bare"));
        Files.writeString(
                ws.resolve("tunegate.yaml"),
                Files.readString(ws.resolve("tunegate.yaml")).replace("  candidate: evals/candidate.jsonl\n", ""));
        CliRun bare = CliRun.of("regress", "--workspace", ws.toString());
        assertThat(bare.exitCode()).isEqualTo(3);
        assertThat(bare.err())
                .contains("tunegate.yaml")
                .contains("evals.candidate")
                .contains("--candidate");
        CliRun mixed = CliRun.of("regress", "--workspace", ws.toString(), "--seed", "7");
        assertThat(mixed.exitCode()).isEqualTo(3);
        assertThat(mixed.err()).contains("evals.* in");
    }

    @Test
    void evals_on_the_ticket_routing_example_finds_its_plateau_and_recurring_confusion() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("ticket-routing", tmp);
        CliRun r = CliRun.of("evals", ws.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode node = JSON.readTree(r.out());
        assertThat(node.get("plateau").asBoolean()).isTrue();
        assertThat(node.get("recurringErrorClass").get("name").asText()).isEqualTo("WRONG_LABEL billing→account");
        assertThat(node.get("regression").get("verdict").asText()).isEqualTo("PASS");
        CliRun qa = CliRun.of(
                "evals", AssessEndToEndTest.copyExample("policy-qa", tmp).toString(), "--format", "json");
        JsonNode q = JSON.readTree(qa.out());
        assertThat(q.get("plateau").asBoolean()).isFalse();
        assertThat(q.get("recurringErrorClass").isNull()).isTrue();
        assertThat(q.get("regression").get("verdict").asText()).isEqualTo("REGRESSION");
    }
}
