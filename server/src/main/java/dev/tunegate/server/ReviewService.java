package dev.tunegate.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.Role;
import dev.tunegate.dataops.review.QueueRow;
import dev.tunegate.dataops.review.ReviewAgreement;
import dev.tunegate.dataops.review.ReviewBoard;
import dev.tunegate.dataops.review.ReviewLog;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The review of a workspace for the web: the {@link ReviewBoard} (claims, decisions, progress) shaped as JSON. Knows nothing of HTTP. */
final class ReviewService {
    static final int PREVIEW = 20;
    static final int NEIGHBOURS = 3;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final WorkspaceCatalog catalog;

    ReviewService(WorkspaceCatalog catalog) {
        this.catalog = catalog;
    }

    /** The next row for the reviewer among those {@code q} selects (all when blank), or empty when none is left. */
    Optional<ObjectNode> claim(String ws, String reviewer, Set<String> skip, String q) {
        ReviewBoard board = catalog.board(ws);
        return board.claim(reviewer, skip, filter(q)).map(c -> {
            ObjectNode o = row(c.row());
            o.put("claim", c.token());
            o.put("expires", c.expires());
            o.put("secondReview", board.doubleReviewed(c.row().digest()));
            ArrayNode near = o.putArray("neighbours");
            board.neighbours(c.row(), NEIGHBOURS)
                    .forEach(n -> near.add(Json.mapper().valueToTree(n)));
            return o;
        });
    }

    ObjectNode decide(String ws, String reviewer, String id, String claim, String action, String output) {
        ReviewLog.Entry e = catalog.board(ws).decide(reviewer, id, claim, action, output);
        ObjectNode o = F.objectNode();
        o.put("id", id);
        o.set("entry", Json.mapper().valueToTree(e));
        return o;
    }

    void release(String ws, String reviewer, String id, String claim) {
        catalog.board(ws).release(reviewer, id, claim);
    }

    /** Progress, agreement, and the pending rows {@code q} selects (a count and a preview). */
    ObjectNode overview(String ws, String q) {
        ReviewBoard board = catalog.board(ws);
        ReviewBoard.Progress p = board.progress();
        ObjectNode o = F.objectNode();
        o.set("progress", Json.mapper().valueToTree(p));
        o.put("doubleShare", board.settings().doubleShare());
        o.set(
                "agreement",
                Json.mapper()
                        .valueToTree(ReviewAgreement.of(
                                board.decisions(), board.settings().seed())));
        List<QueueRow> sel = board.pending().stream().filter(filter(q)).toList();
        o.put("matching", sel.size());
        ArrayNode prev = o.putArray("preview");
        sel.stream().limit(PREVIEW).forEach(r -> prev.add(row(r)));
        o.set("warnings", Json.mapper().valueToTree(board.warnings()));
        return o;
    }

    /** Approves or rejects every pending row {@code q} selects, once the caller confirms the count it was shown. */
    ObjectNode bulk(String ws, String reviewer, String q, String action, Integer confirm) {
        ReviewBoard board = catalog.board(ws);
        long now = board.pending().stream().filter(filter(q)).count();
        if (confirm == null)
            throw new InvalidInputException("confirm: expected the number of rows you were shown, found nothing");
        if (confirm != now)
            throw new dev.tunegate.dataops.review.ClaimConflictException("the filter now selects " + now
                    + " rows, not the " + confirm + " you confirmed; look again and confirm");
        ReviewBoard.Bulk b = board.bulk(reviewer, filter(q), action);
        return Json.mapper().valueToTree(b);
    }

    static Predicate<QueueRow> filter(String q) {
        if (q == null || q.isBlank()) return r -> true;
        String needle = q.strip().toLowerCase(Locale.ROOT);
        return r -> (r.example().input() + "\n" + r.example().output() + "\n" + (r.why() == null ? "" : r.why()) + "\n"
                        + r.source())
                .toLowerCase(Locale.ROOT)
                .contains(needle);
    }

    private static ObjectNode row(QueueRow r) {
        ObjectNode o = F.objectNode();
        o.put("id", r.digest());
        o.put("input", r.example().input());
        o.put("output", r.example().output());
        String system = r.example().messages().stream()
                .filter(m -> m.role() == Role.SYSTEM)
                .map(Message::content)
                .findFirst()
                .orElse(null);
        if (system != null) o.put("system", system);
        o.put("source", r.source());
        o.put("why", r.why());
        if (r.when() != null) o.put("when", r.when());
        if (r.badOutput() != null) o.put("badOutput", r.badOutput());
        o.put("draftIsBadOutput", r.draftIsBadOutput());
        return o;
    }
}
