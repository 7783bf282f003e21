package dev.tunegate.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.dataops.review.ClaimConflictException;
import dev.tunegate.dataops.review.ConflictReview;
import dev.tunegate.dataops.review.ReviewLog;
import dev.tunegate.dataops.review.ReviewedDataset;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conflict groups of a workspace for the web (docs/formats/serve-conflicts.md): core's {@link ConflictReview}
 * lists them, claims a group for one reviewer at a time (with the row review's lease) and appends the resolution to
 * the review log under the claims lock and the workspace write lock. Knows nothing of HTTP.
 *
 * <p>A listing is shown to a reviewer under a key (a digest of its inputs' stamp and of the review log it read) and
 * kept here, a few per workspace, so that a claim or a resolution names the very listing its reviewer saw. One is
 * refused (409) when the group changed since: a resolution appended since touched its rows (core's check, which
 * names who resolved it), or the group as listed now differs from the group as the reviewer saw it (its rows were
 * reviewed, edited or rejected meanwhile).
 */
final class ConflictService {
    static final int LISTINGS_KEPT = 8;
    static final int PAGE_MAX = 100;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A listing with the key it is shown under and the stamp of the inputs it was computed from. */
    private record Listed(String key, String stamp, ConflictReview.Listing listing) {}

    /** A group as the reviewer saw it, checked against now: the listing to check resolutions from, and the group. */
    private record Pick(ConflictReview.Listing seen, ConflictReview.Group group) {}

    private final WorkspaceCatalog catalog;
    private final Map<String, LinkedHashMap<String, Listed>> listings = new ConcurrentHashMap<>();

    ConflictService(WorkspaceCatalog catalog) {
        this.catalog = catalog;
    }

    /** One page of the open groups, side by side: inputs, each rival output with its rows and who approved them. */
    ObjectNode overview(String ws, int page, int size) {
        Listed cur = current(ws);
        ConflictReview review = catalog.conflicts(ws);
        List<ConflictReview.Group> groups = cur.listing().groups();
        int per = Math.max(1, Math.min(size, PAGE_MAX));
        int from = Math.max(0, page) * per;
        ObjectNode o = F.objectNode();
        o.put("listing", cur.key());
        o.put("countedRows", cur.listing().countedRows());
        o.put("resolutionsInLog", cur.listing().resolutionsSeen());
        o.put("total", groups.size());
        o.put("page", Math.max(0, page));
        o.put("size", per);
        o.put("leaseSeconds", catalog.leaseSeconds());
        ArrayNode items = o.putArray("groups");
        for (ConflictReview.Group g :
                groups.subList(Math.min(from, groups.size()), Math.min(from + per, groups.size())))
            items.add(group(g, review.holder(g).orElse(null)));
        ArrayNode notes = o.putArray("notes");
        cur.listing().notes().forEach(notes::add);
        return o;
    }

    /** Claims a group of the listing {@code key} for the reviewer; refused when it changed since or someone holds it. */
    ObjectNode claim(String ws, String reviewer, String key, String id) {
        Pick p = pick(ws, key, id);
        ConflictReview review = catalog.conflicts(ws);
        ConflictReview.Claimed c = review.claim(reviewer, p.group())
                .orElseThrow(() -> new ClaimConflictException("conflict group " + id + " is being resolved by "
                        + review.holder(p.group()).orElse("another reviewer") + "; pick another group"));
        ObjectNode o = F.objectNode();
        o.put("group", id);
        o.put("claim", c.token());
        o.put("leaseSeconds", catalog.leaseSeconds());
        return o;
    }

    /** Gives a claimed group back (a skip). */
    void release(String ws, String reviewer, String id, String claim) {
        // release looks only at the group's id and the claim's token
        catalog.conflicts(ws)
                .release(
                        reviewer,
                        new ConflictReview.Claimed(new ConflictReview.Group(0, id, List.of(), List.of()), claim));
    }

    /**
     * Resolves a claimed group of the listing {@code key}: {@code winner} is the number of the rival output that wins
     * (1 = the first shown) or {@code "reject"}.
     */
    ObjectNode resolve(String ws, String reviewer, String key, String id, String claim, String winner) {
        if (claim == null || claim.isBlank())
            throw new InvalidInputException(
                    "claim: expected the token the claim of group " + id + " returned, found nothing");
        Pick p = pick(ws, key, id);
        int w = winner(p.group(), winner);
        ReviewLog.Resolution r = catalog.conflicts(ws)
                .resolve(reviewer, new ConflictReview.Claimed(p.group(), claim.strip()), w, p.seen());
        ObjectNode o = F.objectNode();
        o.put("group", id);
        o.set("resolution", dev.tunegate.io.Json.mapper().valueToTree(r));
        return o;
    }

    static int winner(ConflictReview.Group g, String winner) {
        String s = winner == null ? "" : winner.strip();
        if (s.equalsIgnoreCase("reject")) return -1;
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > g.rivals().size())
            throw new InvalidInputException("winner: expected an output from 1 to "
                    + g.rivals().size() + " of conflict group " + g.id() + " or \"reject\", found \"" + s + "\"");
        return n - 1;
    }

    // ------------------------------------------------------------------------------------------ listings

    /** The group {@code id} as the listing {@code key} showed it, refused when it changed since. */
    private Pick pick(String ws, String key, String id) {
        if (key == null || key.isBlank())
            throw new InvalidInputException(
                    "listing: expected the key of the listing the group was shown in, found nothing");
        Listed seen = Optional.ofNullable(listings.getOrDefault(ws, new LinkedHashMap<>()))
                .map(m -> {
                    synchronized (m) {
                        return m.get(key);
                    }
                })
                .orElseThrow(() -> new ClaimConflictException(
                        "the conflict groups on your page were listed before the workspace changed (or before the"
                                + " server restarted); reload the page"));
        ConflictReview.Group was = seen.listing().groups().stream()
                .filter(g -> g.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no conflict group " + id + " in the listing you saw"));
        Listed now = current(ws);
        if (now.key().equals(seen.key())) return new Pick(seen.listing(), was);
        ConflictReview.Group is = now.listing().groups().stream()
                .filter(g -> g.id().equals(id))
                .findFirst()
                .orElse(null);
        if (is == null || !is.rivals().equals(was.rivals()) || !is.inputs().equals(was.inputs()))
            throw new ClaimConflictException(whyChanged(ws, seen.listing(), was));
        return new Pick(seen.listing(), is);
    }

    /** Why a group is no longer as the reviewer saw it: who resolved it, or that its rows were reviewed again. */
    private String whyChanged(String ws, ConflictReview.Listing seen, ConflictReview.Group g) {
        Set<String> mine = new HashSet<>();
        g.members().forEach(m -> mine.add(m.digest()));
        List<ReviewLog.Resolution> all =
                ReviewedDataset.log(catalog.open(ws)).replay().resolutions();
        for (int k = all.size() - 1; k >= Math.min(seen.resolutionsSeen(), all.size()); k--) {
            ReviewLog.Resolution r = all.get(k);
            if (r.group().equals(g.id()) || r.rows().stream().anyMatch(mine::contains))
                return "conflict group " + g.id() + " was resolved by " + r.reviewer() + " at " + r.at()
                        + " (" + ("reject".equals(r.outcome()) ? "rejected" : "an output chosen")
                        + ") after your page listed it; your resolution was not recorded. Reload the page to see it as it is now.";
        }
        return "conflict group " + g.id() + " changed after your page listed it (its rows were reviewed or edited"
                + " meanwhile); your resolution was not recorded. Reload the page to see it as it is now.";
    }

    /** The listing of the workspace as it stands, computed again only when the inputs' stamp changed. */
    private Listed current(String ws) {
        Workspace w = catalog.open(ws);
        String stamp = stamp(w);
        LinkedHashMap<String, Listed> kept = listings.computeIfAbsent(ws, k -> new LinkedHashMap<>());
        synchronized (kept) {
            Listed last = null;
            for (Listed l : kept.values()) last = l;
            if (last != null && last.stamp().equals(stamp)) return last;
        }
        ConflictReview.Listing listing = catalog.conflicts(ws).list();
        String key = Digests.sha256((stamp + "\n" + listing.log().sha256()).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
        Listed l = new Listed(key, stamp, listing);
        synchronized (kept) {
            kept.remove(key);
            kept.put(key, l);
            while (kept.size() > LISTINGS_KEPT)
                kept.remove(kept.keySet().iterator().next());
        }
        return l;
    }

    /** What a listing is computed from: tunegate.yaml, the training file, the review queue and the review log. */
    private static String stamp(Workspace w) {
        Path train = w.data().trainFile().orElse(null);
        return FileStamp.of(
                w.configFile(),
                train,
                ReviewedDataset.queue(w).file(),
                ReviewedDataset.log(w).file());
    }

    private static ObjectNode group(ConflictReview.Group g, String heldBy) {
        ObjectNode o = F.objectNode();
        o.put("number", g.number());
        o.put("id", g.id());
        o.put("rows", g.members().size());
        o.put("counted", g.counted());
        o.put("heldBy", heldBy);
        ArrayNode inputs = o.putArray("inputs");
        g.inputs().forEach(inputs::add);
        ArrayNode rivals = o.putArray("rivals");
        int k = 0;
        for (ConflictReview.Rival r : g.rivals()) {
            ObjectNode ro = rivals.addObject();
            ro.put("number", ++k);
            ro.put("output", r.output());
            ro.put("counted", r.counted());
            ArrayNode rows = ro.putArray("rows");
            for (ConflictReview.Member m : r.rows()) {
                ObjectNode mo = rows.addObject();
                mo.put("source", m.source());
                mo.put("who", m.who());
                mo.put("status", m.metadata().gold() ? "gold" : m.metadata().status());
                mo.put("reviewer", m.metadata().reviewer());
                mo.put("provenance", m.metadata().provenance());
                mo.put("counted", m.counted());
            }
        }
        return o;
    }
}
