package dev.tunegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the launcher's start-up cache (JDK 25+, {@code -XX:AOTCacheOutput}): the JVM records the
 * classes this run loads and links, and the profiles of the methods it runs, and a later {@code tunegate} starts
 * with them. A cache only helps the paths it saw, so this run takes the ones a user waits on: the audit of a shipped
 * example (OpenAI chat, every check), and {@code --only counts} / {@code --only near-duplicates} of the same rows
 * written as Alpaca and as prompt/completion (the shapes of large training files; counts also as the text summary),
 * plus {@code --version}. The
 * copies go to a temporary folder that is deleted at the end; nothing of the user's is written. Output is discarded.
 *
 * <pre>java -XX:AOTCacheOutput=tunegate.aot -cp tunegate.jar dev.tunegate.cli.StartupTraining examples/ticket-routing/data/train.jsonl</pre>
 */
public final class StartupTraining {
    private StartupTraining() {}

    /** {@code args[0]}: an OpenAI chat JSONL file (the launcher passes a shipped example's training file). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining CHAT.jsonl");
            System.exit(TunegateCommand.USAGE);
        }
        Path chat = Path.of(args[0]);
        Path dir = Files.createTempDirectory("tunegate-training-");
        PrintStream out = System.out;
        PrintStream err = System.err;
        int failures = 0;
        try {
            Path alpaca = dir.resolve("alpaca.jsonl");
            Path promptCompletion = dir.resolve("prompt-completion.jsonl");
            rewrite(chat, alpaca, promptCompletion);
            List<String[]> runs = List.of(
                    new String[] {"--version"},
                    new String[] {"audit", chat.toString(), "--format", "json"},
                    new String[] {"audit", alpaca.toString(), "--only", "counts", "--format", "json"},
                    new String[] {"audit", promptCompletion.toString(), "--only", "counts", "--format", "json"},
                    new String[] {"audit", promptCompletion.toString(), "--only", "counts"},
                    new String[] {"audit", chat.toString(), "--only", "counts", "--format", "json"},
                    new String[] {"audit", alpaca.toString(), "--only", "near-duplicates", "--format", "json"});
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            System.setOut(nowhere);
            System.setErr(nowhere);
            for (String[] run : runs) {
                int code = TunegateCommand.execute(run);
                if (code != TunegateCommand.OK) {
                    err.println("training run failed (exit " + code + "): tunegate " + String.join(" ", run));
                    failures++;
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            deleteTree(dir);
        }
        System.exit(failures == 0 ? TunegateCommand.OK : TunegateCommand.INTERNAL);
    }

    /** Writes each chat row as Alpaca (system + user → instruction/input, assistant → output) and as prompt/completion. */
    static void rewrite(Path chat, Path alpaca, Path promptCompletion) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter a = Files.newBufferedWriter(alpaca);
                BufferedWriter p = Files.newBufferedWriter(promptCompletion);
                Stream<String> lines = Files.lines(chat)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) continue;
                String system = "", user = "", assistant = "";
                for (JsonNode m : json.readTree(line).path("messages")) {
                    String text = m.path("content").asText();
                    switch (m.path("role").asText()) {
                        case "system" -> system = text;
                        case "user" -> user = text;
                        case "assistant" -> assistant = text;
                        default -> {}
                    }
                }
                ObjectNode row = json.createObjectNode()
                        .put("instruction", system)
                        .put("input", user)
                        .put("output", assistant);
                a.write(json.writeValueAsString(row));
                a.newLine();
                row = json.createObjectNode().put("prompt", user).put("completion", assistant);
                p.write(json.writeValueAsString(row));
                p.newLine();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path f : all) Files.deleteIfExists(f);
    }
}
