package dev.tunegate.server;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reviewers allowed to decide rows, with the SHA-256 of their tokens (never the tokens):
 * {@code DIR/.tunegate/reviewers.json}, tool-owned and written atomically ({@code tunegate serve --add-reviewer}),
 * so the user's {@code tunegate.yaml} is never rewritten. A token is 32 random bytes (base64url), so an
 * unsalted hash is enough to make the file useless to whoever reads it.
 */
public final class Reviewers {
    public static final String FILE = ".tunegate/reviewers.json";
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@ -]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One reviewer: a name and the SHA-256 (hex) of their token. */
    public record Reviewer(String name, String tokenSha256, String added) {}

    private record Stored(int v, List<Reviewer> reviewers) {}

    private final Path file;

    public Reviewers(Path dir) {
        this.file = dir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    public synchronized List<Reviewer> list() {
        if (!Files.exists(file)) return List.of();
        try {
            Stored s = Json.mapper().readValue(file.toFile(), new TypeReference<Stored>() {});
            return s.reviewers() == null ? List.of() : List.copyOf(s.reviewers());
        } catch (IOException e) {
            throw new InvalidInputException(
                    file + ": expected the reviewers file tunegate serve --add-reviewer writes, found unreadable JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Adds (or gives a new token to) a reviewer; returns the token, which is stored only hashed. */
    public synchronized String add(String name) {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches())
            throw new InvalidInputException(
                    "--add-reviewer: expected a name of letters, digits, spaces or ._@- (1-64), found \"" + name
                            + "\"");
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        List<Reviewer> all = new ArrayList<>(list());
        all.removeIf(r -> r.name().equals(n));
        all.add(new Reviewer(
                n, hash(token), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        AtomicFiles.write(file, Json.pretty(new Stored(1, all)));
        return token;
    }

    /** The reviewer a token belongs to. */
    public Optional<String> authenticate(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        byte[] h = hash(token.strip()).getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (Reviewer r : list()) {
            if (MessageDigest.isEqual(h, r.tokenSha256().getBytes(StandardCharsets.US_ASCII))) found = r.name();
        }
        return Optional.ofNullable(found);
    }

    static String hash(String token) {
        return Digests.sha256(token.getBytes(StandardCharsets.UTF_8));
    }
}
