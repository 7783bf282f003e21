package dev.tunegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.Json;
import dev.tunegate.report.WeeklyReviewPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The weekly ops reviews of a workspace as {@code tunegate ops weekly} wrote them ({@code ops/weekly/YYYY-Www.json}),
 * read only: the weeks there are, and a week's review rendered by the CLI's own page ({@link WeeklyReviewPage}: the
 * KPI charts, topics and backlog), never recomputed. A file that is a link or not a week's review is not served.
 */
final class WeeklyService {
    static final String DIR = "ops/weekly";
    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final WorkspaceCatalog catalog;

    WeeklyService(WorkspaceCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code {weeks: [newest first], latest: {week, from, to, calls, refused, backlog, checks}}} (latest null when none). */
    ObjectNode overview(String ws) {
        List<String> weeks = weeks(ws);
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("weeks");
        weeks.forEach(a::add);
        if (weeks.isEmpty()) {
            o.putNull("latest");
            return o;
        }
        JsonNode r = read(ws, weeks.get(0));
        ObjectNode l = o.putObject("latest");
        l.put("week", r.path("week").asText());
        l.put("from", r.path("from").asText());
        l.put("to", r.path("to").asText());
        l.put("calls", r.path("calls").asLong());
        l.put("refused", r.path("refused").asLong());
        l.put("backlog", r.path("backlog").size());
        l.set("checks", r.path("kpis").path("checks"));
        return o;
    }

    /** The newest week with a review, or null. */
    String latestWeek(String ws) {
        List<String> w = weeks(ws);
        return w.isEmpty() ? null : w.get(0);
    }

    /** The page {@code ops weekly} writes as {@code ops/weekly/WEEK.html}, rendered from that week's JSON. */
    String page(String ws, String week) {
        return WeeklyReviewPage.render(read(ws, week));
    }

    private List<String> weeks(String ws) {
        Path dir = catalog.dir(ws).resolve(DIR);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json")
                            && WEEK.matcher(n.substring(0, n.length() - 5)).matches())
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted(java.util.Comparator.reverseOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private JsonNode read(String ws, String week) {
        if (week == null || !WEEK.matcher(week).matches())
            throw new NotFoundException("no weekly review \"" + week + "\": expected a week like 2026-W48");
        Path f = catalog.dir(ws).resolve(DIR).resolve(week + ".json");
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                || !Files.isDirectory(f.getParent(), LinkOption.NOFOLLOW_LINKS))
            throw new NotFoundException(DIR + "/" + week + ".json: no weekly review of that week in " + ws);
        try {
            if (!f.toRealPath().startsWith(catalog.dir(ws).toRealPath()))
                throw new NotFoundException(DIR + "/" + week + ".json: outside the workspace");
            JsonNode n = Json.mapper().readTree(f.toFile());
            if (n == null || !n.isObject() || !week.equals(n.path("week").asText()))
                throw new NotFoundException(DIR + "/" + week + ".json: not the weekly review of " + week);
            return n;
        } catch (IOException e) {
            throw new NotFoundException(DIR + "/" + week + ".json: unreadable ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
