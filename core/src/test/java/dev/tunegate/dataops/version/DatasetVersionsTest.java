package dev.tunegate.dataops.version;

import static dev.tunegate.dataops.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.dataops.Fixtures;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetVersionsTest {
    private static Clock at(String t) {
        return Clock.fixed(Instant.parse(t), ZoneOffset.UTC);
    }

    private static List<Map<String, Object>> rows() {
        List<Map<String, Object>> r = new ArrayList<>();
        for (int i = 0; i < 6; i++)
            r.add(row(Fixtures.ticket(i), i % 2 == 0 ? "A" : "B", i == 0 ? "gold" : "expert", "approved", "2026"));
        return r;
    }

    @Test
    void theDigestDoesNotDependOnRowOrderOrJsonFormatting(@TempDir Path dir) throws Exception {
        Workspace ws = Fixtures.workspace(dir.resolve("a"), rows(), null, null);
        DatasetVersion a =
                new DatasetVersions(ws).snapshot(at("2026-01-01T00:00:00Z")).version();
        List<Map<String, Object>> reversed = new ArrayList<>(rows());
        java.util.Collections.reverse(reversed);
        Workspace ws2 = Fixtures.workspace(dir.resolve("b"), reversed, null, null);
        // pretty-print one row over the same line (whitespace inside JSON) — same meaning
        String text = Files.readString(dir.resolve("b/data/train.jsonl")).replace("\"role\":", "\"role\" :  ");
        Files.writeString(dir.resolve("b/data/train.jsonl"), text);
        DatasetVersion b =
                new DatasetVersions(ws2).snapshot(at("2026-01-02T00:00:00Z")).version();
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(a.id()).isEqualTo(a.digest().substring(0, 12) + "-20260101T000000Z");
        assertThat(a.byProvenance()).containsEntry("gold", 1L).containsEntry("expert", 5L);
        assertThat(Files.exists(dir.resolve("a/.tunegate/datasets/" + a.id() + ".json")))
                .isTrue();
    }

    @Test
    void anUnchangedDatasetWritesNoNewVersionAndAnUnknownVersionIsAClearError(@TempDir Path dir) throws Exception {
        Workspace ws = Fixtures.workspace(dir, rows(), null, null);
        DatasetVersions v = new DatasetVersions(ws);
        DatasetVersions.Snapshot first = v.snapshot(at("2026-01-01T00:00:00Z"));
        DatasetVersions.Snapshot again = v.snapshot(at("2026-01-05T00:00:00Z"));
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(v.list()).hasSize(1);
        assertThat(v.resolve(first.version().digest().substring(0, 6)).id())
                .isEqualTo(first.version().id());
        assertThatThrownBy(() -> v.resolve("feedface"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown dataset version \"feedface\"")
                .hasMessageContaining(first.version().id());
    }

    @Test
    void diffCountsAddedRemovedAndChangedRowsByEraAndProvenance(@TempDir Path dir) throws Exception {
        Workspace ws = Fixtures.workspace(dir, rows(), null, null);
        DatasetVersions v = new DatasetVersions(ws);
        DatasetVersion a = v.snapshot(at("2026-01-01T00:00:00Z")).version();
        List<Map<String, Object>> next = new ArrayList<>(rows());
        next.set(1, row(Fixtures.ticket(1), "C", "expert", "approved", "2026")); // changed: output
        next.set(2, row(Fixtures.ticket(2), "A", "expert", "rejected", "2026")); // changed: metadata only
        next.remove(5); // removed
        next.add(row(Fixtures.ticket(50), "B", "production_failure", "approved", "2027")); // added
        Fixtures.workspace(dir, next, null, null);
        DatasetVersion b = v.snapshot(at("2026-02-01T00:00:00Z")).version();
        VersionDiff.Report d = VersionDiff.diff(a, v.rows(a), b, v.rows(b));
        assertThat(d.added().rows()).isEqualTo(1);
        assertThat(d.added().byEra()).containsExactlyEntriesOf(Map.of("2027", 1L));
        assertThat(d.added().byProvenance()).containsExactlyEntriesOf(Map.of("production_failure", 1L));
        assertThat(d.removed().rows()).isEqualTo(1);
        assertThat(d.changed().rows()).isEqualTo(2);
        assertThat(d.changed().outputChanged()).isEqualTo(1);
        assertThat(d.changed().metadataOnly()).isEqualTo(1);
        assertThat(d.unchanged()).isEqualTo(3);
    }

    @Test
    void diffOfHandMadeEntriesPairsRowsByInput() {
        DatasetVersion va = version("a"), vb = version("b");
        var a = List.of(
                new DatasetVersion.RowEntry("r1", "c1", "i1", "expert", "approved", "e1"),
                new DatasetVersion.RowEntry("r2", "c2", "i2", "expert", "approved", "e1"),
                new DatasetVersion.RowEntry("r2", "c2", "i2", "expert", "approved", "e1"));
        var b = List.of(
                new DatasetVersion.RowEntry("r1", "c1", "i1", "expert", "approved", "e1"),
                new DatasetVersion.RowEntry("r2", "c2", "i2", "expert", "approved", "e1"),
                new DatasetVersion.RowEntry("r3", "c3", "i2", "gold", "approved", "e2"),
                new DatasetVersion.RowEntry("r4", "c4", "i4", null, null, null));
        // r1 and one r2 unchanged; the second r2 (input i2) is replaced by r3 → changed; r4 added
        VersionDiff.Report d = VersionDiff.diff(va, a, vb, b);
        assertThat(d.unchanged()).isEqualTo(2);
        assertThat(d.changed().rows()).isEqualTo(1);
        assertThat(d.changed().byProvenance()).containsExactlyEntriesOf(Map.of("gold", 1L));
        assertThat(d.added().byEra()).containsExactlyEntriesOf(Map.of("(none)", 1L));
        assertThat(d.removed().rows()).isZero();
    }

    private static DatasetVersion version(String id) {
        return new DatasetVersion(
                1,
                id,
                id,
                "2026-01-01T00:00:00Z",
                "f",
                "s",
                "openai-chat",
                0,
                0,
                0,
                Map.of(),
                Map.of(),
                Map.of(),
                id + ".rows.jsonl");
    }
}
