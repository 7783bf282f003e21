package dev.tunegate.retrieval;

import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Digests;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A corpus read from a folder or a documents JSONL: the usable documents (unique ids, in reading
 * order) and the findings about the rows that were skipped or repaired.
 *
 * @param path the folder or file it was read from
 * @param documents the documents, ids unique
 * @param findings bad documents (unreadable file, invalid front matter, missing or duplicate id)
 * @param files the files read (for provenance)
 */
public record Corpus(Path path, List<Document> documents, List<Finding> findings, List<Path> files) {
    public Corpus {
        documents = List.copyOf(documents);
        findings = List.copyOf(findings);
        files = List.copyOf(files);
    }

    /**
     * Reads a corpus: a folder of {@code .md}, {@code .markdown}, {@code .txt}, {@code .html} and
     * {@code .htm} files, or a JSONL file of documents. Duplicate ids are findings (the first wins).
     *
     * @throws InvalidInputException when the path does not exist
     */
    public static Corpus read(Path path) {
        return read(path, new FileDigests());
    }

    /** As {@link #read(Path)}, handing the digest of each file of a corpus folder to {@code digests}. */
    public static Corpus read(Path path, FileDigests digests) {
        if (Files.isDirectory(path)) return dedupe(path, new FolderCorpusReader(path, digests).read());
        if (Files.isRegularFile(path)) return dedupe(path, JsonlCorpusReader.read(path));
        throw new InvalidInputException(
                path + ": no such file or folder; expected a corpus folder or a documents JSONL");
    }

    private static Corpus dedupe(Path path, Corpus raw) {
        Map<String, Document> seen = new HashMap<>();
        List<Document> kept = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(raw.findings());
        for (Document d : raw.documents()) {
            Document first = seen.putIfAbsent(d.id(), d);
            if (first == null) {
                kept.add(d);
            } else {
                findings.add(Finding.error(
                        d.file(),
                        d.line(),
                        "DUPLICATE_ID",
                        "duplicate id \"" + d.id() + "\" (first at " + first.file() + ":" + first.line()
                                + "); this document is skipped"));
            }
        }
        return new Corpus(path, kept, findings, raw.files());
    }

    /** Looks a document up by id. */
    public Map<String, Document> byId() {
        Map<String, Document> m = new HashMap<>();
        for (Document d : documents) m.put(d.id(), d);
        return m;
    }

    /** A digest of the documents' content and metadata (not of the files' bytes or paths). */
    public String contentDigest() {
        MessageDigest md = Digests.newSha256();
        for (Document d : documents) {
            for (String s : List.of(
                    d.id(),
                    d.title(),
                    d.text(),
                    String.join("\u0001", d.groups()),
                    d.source(),
                    d.updated().toString())) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) ':');
                md.update(b);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
