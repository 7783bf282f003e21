package dev.tunegate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.analysis.Progress;
import dev.tunegate.evals.stats.Interval;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.ops.read.Call;
import dev.tunegate.ops.read.CallLogFormat;
import dev.tunegate.ops.read.CallLogReader;
import dev.tunegate.ops.read.CsvCallMapping;
import dev.tunegate.ops.read.LogProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersAndDueTest {
    @TempDir
    Path tmp;

    @Test
    void csvWithAMappingReadsCallsAndReportsABadRowWithItsLine() throws IOException {
        Path csv = tmp.resolve("calls.csv");
        Files.writeString(csv, """
                when,question,refused,retrieved,groups,feedback,latencyMs
                2026-11-23T10:00:00Z,"Where is the gym, please?",true,doc-1:0.2;doc-2:0.1,staff;hr,down,1200
                2026-11-23T11:00:00Z,How long is parental leave?,maybe,,staff,,900
                2026-11-24T11:00:00Z,How long is parental leave?,false,doc-3:0.9,staff,up,
                """);
        List<Call> calls = new ArrayList<>();
        List<LogProblem> problems = new ArrayList<>();
        var summary = new CallLogReader(1)
                .read(
                        csv,
                        "calls.csv",
                        CallLogFormat.AUTO,
                        CsvCallMapping.parse(List.of("ts=when", "query=question")),
                        calls::add,
                        problems::add,
                        Progress.SILENT);
        assertThat(summary.format()).isEqualTo(CallLogFormat.CSV);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).query()).isEqualTo("Where is the gym, please?");
        assertThat(calls.get(0).retrieved()).extracting(Call.Retrieved::id).containsExactly("doc-1", "doc-2");
        assertThat(calls.get(0).groups()).containsExactly("staff", "hr");
        assertThat(calls.get(0).feedback()).isEqualTo(Call.Feedback.DOWN);
        assertThat(calls.get(0).where()).isEqualTo("calls.csv:2");
        assertThat(calls.get(1).latencyMs()).isNull();
        assertThat(problems)
                .extracting(LogProblem::toString)
                .containsExactly("calls.csv:3: field \"refused\": expected true or false, found \"maybe\"");
    }

    /**
     * An unclosed quote makes the rest of a CSV one value: nothing after it can be read, so the log is refused at
     * that row (one line, exit 3) instead of yielding the calls before it as if the file ended there.
     */
    @Test
    void aCsvWithAnUnclosedQuoteIsRefusedAtItsRowNotReadUpToIt() throws IOException {
        Path csv = tmp.resolve("calls.csv");
        Files.writeString(csv, """
                ts,query,refused
                2026-11-23T10:00:00Z,How long is parental leave?,false
                2026-11-23T11:00:00Z,"broken quote,false
                2026-11-24T11:00:00Z,How long is parental leave?,false
                2026-11-30T11:00:00Z,Who approves my training budget?,false
                """);
        List<Call> calls = new ArrayList<>();
        assertThatThrownBy(() -> new CallLogReader(1)
                        .read(
                                csv,
                                "calls.csv",
                                CallLogFormat.AUTO,
                                CsvCallMapping.none(),
                                calls::add,
                                p -> {},
                                Progress.SILENT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("calls.csv:3: a quoted value opens in this row and is never closed")
                .hasMessageNotContaining("none")
                .hasMessageNotContaining("\n");
        // a quote closed too early (the value goes on after it) is refused the same way, at its row
        Files.writeString(csv, "ts,query,refused\n2026-11-23T10:00:00Z,\"say \"hi\" now\",false\n");
        assertThatThrownBy(() -> new CallLogReader(1)
                        .read(
                                csv,
                                "calls.csv",
                                CallLogFormat.AUTO,
                                CsvCallMapping.none(),
                                c -> {},
                                p -> {},
                                Progress.SILENT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("calls.csv:2: a quoted value in this row goes on after its closing quote");
    }

    @Test
    void anOtlpLineWithoutResourceSpansIsAProblemAndTheRestIsRead() throws IOException {
        Path f = tmp.resolve("traces.jsonl");
        Files.writeString(f, "{\"resourceSpans\":[]}\n{\"spans\":[]}\n");
        List<LogProblem> problems = new ArrayList<>();
        new CallLogReader(2).read(f, "traces.jsonl", CallLogFormat.OTLP, null, c -> {}, problems::add, Progress.SILENT);
        assertThat(problems)
                .extracting(LogProblem::toString)
                .containsExactly(
                        "traces.jsonl:2: field \"resourceSpans\": expected an array (an OTLP JSON export request a line), found nothing");
    }

    @Test
    void anOtlpSpanWithoutRolesOrARetrievalSpanRecordsNeitherInsteadOfEmptyLists() throws IOException {
        // an empty list would mean a caller in no group and a call that retrieved nothing (a low-score call)
        Path f = tmp.resolve("traces.jsonl");
        Files.writeString(
                f,
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t1\",\"spanId\":\"c1\","
                        + "\"startTimeUnixNano\":\"1764000000000000000\",\"attributes\":["
                        + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
                        + "{\"key\":\"gen_ai.prompt\",\"value\":{\"stringValue\":\"where is my card\"}}]}]}]}]}\n");
        List<Call> calls = new ArrayList<>();
        List<LogProblem> problems = new ArrayList<>();
        new CallLogReader(1)
                .read(f, "traces.jsonl", CallLogFormat.OTLP, null, calls::add, problems::add, Progress.SILENT);
        assertThat(problems).isEmpty();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).groups()).isNull();
        assertThat(calls.get(0).retrieved()).isNull();
    }

    @Test
    void aNewerModelIsTheSameLineWithAHigherVersion() {
        assertThat(Due.newer("gpt-4.1-mini", "gpt-4o-mini")).isTrue();
        assertThat(Due.newer("llama-3.3-8b", "llama-3.1-8b")).isTrue();
        assertThat(Due.newer("llama-3.1-70b", "llama-3.1-8b")).isFalse();
        assertThat(Due.newer("gpt-4o", "gpt-4o-mini")).isFalse();
        assertThat(Due.newer("gpt-4o-mini", "gpt-4.1-mini")).isFalse();
        assertThat(Due.newer("mistral-7b", "llama-3.1-8b")).isFalse();
    }

    @Test
    void theP95IntervalIsTheOrderStatisticsAroundRankNq() {
        float[] v = new float[100];
        for (int i = 0; i < 100; i++) v[i] = i + 1;
        // by hand: rank ceil(0.95·100) = 95; half-width 1.96·√(100·0.95·0.05) = 4.27 ranks,
        // so ranks floor(95 − 4.27) = 90 and ceil(95 + 4.27) + 1 = 101, clamped to 100
        Interval p95 = WeekStats.quantile(v, 0.95);
        assertThat(p95.estimate()).isEqualTo(95);
        assertThat(p95.low()).isEqualTo(90);
        assertThat(p95.high()).isEqualTo(100);
        // the median of 1..100 by nearest rank is 50; half-width 1.96·√25 = 9.8 → ranks 40 and 61
        Interval p50 = WeekStats.quantile(v, 0.5);
        assertThat(p50.estimate()).isEqualTo(50);
        assertThat(p50.low()).isEqualTo(40);
        assertThat(p50.high()).isEqualTo(61);
    }
}
