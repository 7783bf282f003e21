package dev.tunegate.server;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Browser sessions of signed-in reviewers, in memory (a restart signs everyone out): the cookie's id, the reviewer and the CSRF token. */
final class Sessions {
    static final String COOKIE = "tunegate_session";
    static final Duration TTL = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Session(String id, String reviewer, String csrf, Instant expires) {}

    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    Session open(String reviewer) {
        Session s = new Session(random(), reviewer, random(), Instant.now().plus(TTL));
        byId.put(s.id(), s);
        return s;
    }

    Optional<Session> get(String id) {
        if (id == null) return Optional.empty();
        Session s = byId.get(id);
        if (s == null || s.expires().isBefore(Instant.now())) {
            if (s != null) byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void close(String id) {
        if (id != null) byId.remove(id);
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
