package dev.tunegate.dataops.version;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.dataops.RowDigests;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The dataset versions of a workspace, under {@code DIR/.tunegate/datasets/}: each is a manifest
 * ({@code ID.json}) and a sidecar with one line per valid row ({@code ID.rows.jsonl}, sorted by row digest),
 * both written atomically. A snapshot of rows identical to the latest version's is not written again.
 */
public final class DatasetVersions {
    /** Where versions live, relative to the workspace. */
    public static final String DIR = ".tunegate/datasets";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Workspace ws;
    private final Path dir;

    public DatasetVersions(Workspace ws) {
        this.ws = ws;
        this.dir = ws.root().resolve(DIR);
    }

    /** A snapshot's outcome: the version, and whether it was new or equal to the latest one. */
    public record Snapshot(DatasetVersion version, boolean created, List<String> notes) {
        public Snapshot {
            notes = List.copyOf(notes);
        }
    }

    /** Records the current rows of {@code data.train} as a version. */
    public Snapshot snapshot(Clock clock) {
        Path train = ws.data()
                .trainFile()
                .orElseThrow(() -> new InvalidInputException(
                        ws.configFile() + ": data.train is not set: there is no dataset to snapshot"));
        List<DatasetVersion.RowEntry> rows = new ArrayList<>();
        Map<String, Long> prov = new TreeMap<>(), status = new TreeMap<>(), era = new TreeMap<>();
        long[] invalid = {0};
        DatasetRows.Read read = DatasetRows.read(ws, train, r -> {
            if (!r.valid()) {
                invalid[0]++;
                return;
            }
            RowMetadata m = r.example().metadata();
            rows.add(new DatasetVersion.RowEntry(
                    RowDigests.row(r.example()),
                    RowDigests.content(r.example()),
                    RowDigests.input(r.example()),
                    m.provenance(),
                    m.status(),
                    m.era()));
            prov.merge(m.provenance() == null ? "(none)" : m.provenance(), 1L, Long::sum);
            status.merge(m.status() == null ? "(none)" : m.status(), 1L, Long::sum);
            era.merge(m.era() == null ? "(none)" : m.era(), 1L, Long::sum);
        });
        rows.sort(Comparator.comparing(DatasetVersion.RowEntry::row).thenComparing(DatasetVersion.RowEntry::input));
        String digest = digest(rows.stream().map(DatasetVersion.RowEntry::row).toList());
        List<String> notes = new ArrayList<>();
        if (read.truncated() != null) notes.add(read.truncated());
        Optional<DatasetVersion> latest = latest();
        if (latest.isPresent() && latest.get().digest().equals(digest)) {
            notes.add("the rows are unchanged since version " + latest.get().id() + ": no new version written");
            return new Snapshot(latest.get(), false, notes);
        }
        java.time.Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (latest
                .isPresent()) { // versions are ordered by time: a second snapshot within a second is stamped one second
            // later
            java.time.Instant last = java.time.Instant.parse(latest.get().createdAt());
            if (!now.isAfter(last)) now = last.plusSeconds(1);
        }
        String id = digest.substring(0, 12) + "-" + STAMP.format(now);
        String rowsFile = id + ".rows.jsonl";
        DatasetVersion v = new DatasetVersion(
                DatasetVersion.SCHEMA_VERSION,
                id,
                digest,
                now.toString(),
                ws.relative(train),
                Digests.sha256(train),
                read.format().id(),
                read.rows(),
                rows.size(),
                invalid[0],
                prov,
                status,
                era,
                rowsFile);
        AtomicFiles.write(dir.resolve(rowsFile), out -> {
            for (DatasetVersion.RowEntry e : rows) {
                out.write(Json.line(e).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
        AtomicFiles.write(dir.resolve(id + ".json"), Json.pretty(v));
        return new Snapshot(v, true, notes);
    }

    /**
     * The order-independent digest of a multiset of row digests: SHA-256 of the sorted row digests, each
     * followed by a newline. Duplicated rows count as often as they occur.
     */
    public static String digest(List<String> rowDigests) {
        List<String> sorted = new ArrayList<>(rowDigests);
        sorted.sort(null);
        MessageDigest md = Digests.newSha256();
        for (String d : sorted) md.update((d + "\n").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(md.digest());
    }

    /** Every version, oldest first. */
    public List<DatasetVersion> list() {
        if (!Files.isDirectory(dir)) return List.of();
        List<DatasetVersion> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                out.add(readManifest(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(DatasetVersion::createdAt).thenComparing(DatasetVersion::id));
        return out;
    }

    /** The newest version, if any. */
    public Optional<DatasetVersion> latest() {
        List<DatasetVersion> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The newest version whose training file had exactly these bytes. */
    public Optional<DatasetVersion> latestOfFile(String sha256) {
        List<DatasetVersion> all = list();
        for (int i = all.size() - 1; i >= 0; i--)
            if (all.get(i).fileSha256().equals(sha256)) return Optional.of(all.get(i));
        return Optional.empty();
    }

    /**
     * A version by its id, a unique prefix of its id or digest, or {@code latest}.
     *
     * @throws InvalidInputException naming the known versions when none or several match
     */
    public DatasetVersion resolve(String ref) {
        List<DatasetVersion> all = list();
        if (ref.equals("latest") && !all.isEmpty()) return all.get(all.size() - 1);
        List<DatasetVersion> hits = all.stream().filter(v -> v.id().equals(ref)).toList();
        if (hits.isEmpty())
            hits = all.stream()
                    .filter(v -> v.id().startsWith(ref) || v.digest().startsWith(ref))
                    .toList();
        if (hits.size() == 1) return hits.get(0);
        String known = all.isEmpty()
                ? "there are none yet (run: tunegate data snapshot " + ws.root().getFileName() + ")"
                : "known: "
                        + String.join(", ", all.stream().map(DatasetVersion::id).toList());
        if (hits.isEmpty())
            throw new InvalidInputException(DIR + ": unknown dataset version \"" + ref + "\"; " + known);
        throw new InvalidInputException(
                DIR + ": \"" + ref + "\" matches " + hits.size() + " dataset versions; give more of the id; " + known);
    }

    /** The rows of a version (its sidecar). */
    public List<DatasetVersion.RowEntry> rows(DatasetVersion v) {
        Path p = dir.resolve(v.rowsFile());
        List<DatasetVersion.RowEntry> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                try {
                    out.add(READER.readValue(line, DatasetVersion.RowEntry.class));
                } catch (IOException e) {
                    throw InvalidInputException.at(
                            p,
                            n,
                            "not a dataset version row: "
                                    + String.valueOf(e.getMessage())
                                            .lines()
                                            .findFirst()
                                            .orElse(""));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw InvalidInputException.at(p, 0, "the rows of version " + v.id() + " are missing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
        String d = digest(out.stream().map(DatasetVersion.RowEntry::row).toList());
        if (!d.equals(v.digest())) {
            throw InvalidInputException.at(
                    p,
                    0,
                    "the rows no longer match version " + v.id() + " (digest " + d.substring(0, 12) + "…, expected "
                            + v.digest().substring(0, 12) + "…): the file was changed by hand");
        }
        return out;
    }

    private static DatasetVersion readManifest(Path p) {
        try {
            return READER.readValue(p.toFile(), new TypeReference<DatasetVersion>() {});
        } catch (IOException e) {
            throw InvalidInputException.at(
                    p,
                    0,
                    "not a dataset version manifest: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
