package dev.tunegate.retrieval;

import dev.tunegate.evidence.Finding;
import dev.tunegate.io.FileDigests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a folder of documents. Metadata comes from YAML front matter (between {@code ---} lines at
 * the top of a Markdown or text file) or from a sidecar file {@code <stem>.meta.yaml} beside the
 * document ({@code refunds.meta.yaml} for {@code refunds.html}). HTML is reduced to text with jsoup,
 * its {@code h1}–{@code h6} kept as Markdown headings so chunking can follow them. Hidden folders
 * (such as {@code .tunegate}) are skipped.
 */
final class FolderCorpusReader {
    private static final List<String> EXTENSIONS = List.of(".md", ".markdown", ".txt", ".html", ".htm");

    private final Path root;
    private final List<Document> documents = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    private final FileDigests digests;

    /** @param digests the run's digest memo: each file read here hands its digest in (so it is not read again) */
    FolderCorpusReader(Path root, FileDigests digests) {
        this.root = root;
        this.digests = digests;
    }

    private byte[] readAll(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        digests.remember(p, bytes);
        return bytes;
    }

    Corpus read() {
        List<Path> candidates;
        try (Stream<Path> s = Files.walk(root)) {
            candidates = s.filter(Files::isRegularFile)
                    .filter(p -> !hidden(root.relativize(p)))
                    .filter(p -> extension(p) != null)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        for (Path p : candidates) readOne(p);
        return new Corpus(root, documents, findings, files);
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : EXTENSIONS) if (name.endsWith(e)) return e;
        return null;
    }

    private String label(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private void readOne(Path p) {
        String file = label(p);
        files.add(p);
        String content;
        try {
            content = decode(readAll(p));
        } catch (CharacterCodingException e) {
            findings.add(Finding.error(file, 0, "UNREADABLE", "not valid UTF-8; this document is skipped"));
            return;
        } catch (IOException e) {
            findings.add(Finding.error(
                    file, 0, "UNREADABLE", "cannot read: " + e.getMessage() + "; this document is skipped"));
            return;
        }
        if (content.startsWith("\uFEFF")) content = content.substring(1);
        String ext = extension(p);
        boolean html = ext.equals(".html") || ext.equals(".htm");

        DocumentMetadata meta = DocumentMetadata.NONE;
        String body = content;
        String metaFile = file;
        if (!html && (content.startsWith("---\n") || content.startsWith("---\r\n"))) {
            int end = closingFence(content);
            if (end < 0) {
                findings.add(Finding.error(
                        file,
                        1,
                        "INVALID_FRONT_MATTER",
                        "front matter opened with --- is never closed; this document is skipped"));
                return;
            }
            String yaml = content.substring(content.indexOf('\n') + 1, end);
            int afterFence = content.indexOf('\n', end);
            body = afterFence < 0 ? "" : content.substring(afterFence + 1);
            try {
                meta = parseYaml(yaml);
            } catch (BadMetadata e) {
                findings.add(Finding.error(
                        file, 1 + e.line, "INVALID_FRONT_MATTER", e.getMessage() + "; this document is skipped"));
                return;
            }
        }
        Path sidecar = sidecar(p);
        if (Files.isRegularFile(sidecar)) {
            files.add(sidecar);
            metaFile = label(sidecar);
            if (meta != DocumentMetadata.NONE) {
                findings.add(Finding.warning(
                        metaFile,
                        0,
                        "CONFLICTING_METADATA",
                        "both front matter in " + file + " and this sidecar; the front matter is used"));
            } else {
                try {
                    meta = parseYaml(decode(readAll(sidecar)));
                } catch (BadMetadata e) {
                    findings.add(Finding.error(
                            metaFile, e.line, "INVALID_METADATA", e.getMessage() + "; " + file + " is skipped"));
                    return;
                } catch (IOException e) {
                    findings.add(Finding.error(
                            metaFile,
                            0,
                            "UNREADABLE",
                            "cannot read sidecar: " + e.getMessage() + "; " + file + " is skipped"));
                    return;
                }
            }
        }

        String title = meta.title();
        String text;
        if (html) {
            org.jsoup.nodes.Document doc = Jsoup.parse(body);
            if (title == null && !doc.title().isBlank()) title = doc.title().strip();
            text = htmlToText(doc.body() == null ? doc : doc.body());
        } else {
            text = body;
        }
        if (title == null) title = firstHeading(text);
        String id = meta.id();
        if (id == null) {
            String rel = file;
            id = rel.substring(0, rel.length() - ext.length());
            findings.add(Finding.warning(
                    metaFile,
                    meta == DocumentMetadata.NONE ? 0 : 1,
                    "MISSING_ID",
                    "no \"id\" in the metadata; the path-derived id \"" + id
                            + "\" is used (judgments that use another id will not match)"));
        }
        documents.add(new Document(
                id, title == null ? "" : title, text, meta.groups(), meta.updated(), meta.source(), file, 1));
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** The offset of the closing {@code ---} (or {@code ...}) line of front matter, or -1. */
    private static int closingFence(String content) {
        int pos = content.indexOf('\n') + 1;
        while (pos > 0 && pos < content.length()) {
            int eol = content.indexOf('\n', pos);
            String line = (eol < 0 ? content.substring(pos) : content.substring(pos, eol)).stripTrailing();
            if (line.equals("---") || line.equals("...")) return pos;
            if (eol < 0) break;
            pos = eol + 1;
        }
        return -1;
    }

    private static Path sidecar(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return p.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".meta.yaml");
    }

    /** Metadata that cannot be used, with the 1-based line inside the YAML (0 when unknown). */
    private static final class BadMetadata extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        BadMetadata(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private static DocumentMetadata parseYaml(String yaml) throws BadMetadata {
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new BadMetadata(line, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new BadMetadata(0, "invalid YAML: " + e.getMessage());
        }
        if (parsed == null) return DocumentMetadata.NONE;
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new BadMetadata(
                    1,
                    "expected a mapping of id, title, groups, updated, source; found "
                            + parsed.getClass().getSimpleName());
        }
        try {
            return DocumentMetadata.from(map);
        } catch (DocumentMetadata.FieldException e) {
            throw new BadMetadata(lineOf(yaml, e.field), e.getMessage());
        }
    }

    private static int lineOf(String yaml, String key) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].startsWith(key + ":")) return i + 1;
        return 0;
    }

    private static String firstHeading(String text) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("#")) return t.replaceFirst("^#+\\s*", "").strip();
        }
        return null;
    }

    /** HTML to text: block elements end lines, {@code h1}–{@code h6} become Markdown headings. */
    static String htmlToText(Element root) {
        StringBuilder out = new StringBuilder();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.text();
                    if (out.length() == 0
                            || out.charAt(out.length() - 1) == '\n'
                            || out.charAt(out.length() - 1) == ' ') s = s.stripLeading();
                    out.append(s);
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("script") || tag.equals("style")) return;
                    if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
                        newline(out);
                        out.append("\n").append("#".repeat(tag.charAt(1) - '0')).append(' ');
                    } else if (e.isBlock() || tag.equals("br")) {
                        newline(out);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && (e.isBlock() || e.normalName().matches("h[1-6]"))) newline(out);
            }
        });
        return out.toString()
                        .replaceAll("[ \t]+\n", "\n")
                        .replaceAll(" {2,}", " ")
                        .replaceAll("\n{3,}", "\n\n")
                        .strip() + "\n";
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
    }
}
