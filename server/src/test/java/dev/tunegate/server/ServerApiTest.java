package dev.tunegate.server;

import static dev.tunegate.server.Fixture.get;
import static dev.tunegate.server.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.dataops.review.ReviewBoard;
import dev.tunegate.io.InvalidInputException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract, in process on a free loopback port. */
class ServerApiTest {
    @TempDir
    Path dir;

    TunegateServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private TunegateServer start(double doubleShare) {
        server = TunegateServer.start(new ServeOptions(
                dir, ServeOptions.LOOPBACK, 0, new ReviewBoard.Settings(Duration.ofMinutes(10), doubleShare, 42)));
        return server;
    }

    @Test
    void healthAndWorkspacesFollowTheContractAndEveryResponseCarriesAStrictCsp() throws Exception {
        Fixture.workspace(dir.resolve("alpha"), 2, 3, List.of());
        Fixture.workspace(dir.resolve("beta"), 2, 1, List.of());
        Files.createDirectories(dir.resolve("beta/decisions"));
        for (String f :
                List.of("0001-ticket-routing-fine-tune.json", "0002-ticket-routing-scale-pilot.json", "log.jsonl")) {
            Files.copy(
                    Path.of("src/test/resources/records", f),
                    dir.resolve("beta/decisions").resolve(f));
        }
        start(0);
        Fixture.Reply h = get(base() + "/api/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.json()).isEqualTo(dev.tunegate.io.Json.mapper().readTree("{\"status\":\"ok\"}"));
        assertThat(h.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe");

        JsonNode ws = get(base() + "/api/workspaces").json();
        assertThat(ws).hasSize(2);
        assertThat(ws.get(0).path("name").asText()).isEqualTo("alpha");
        assertThat(ws.get(0).path("path").asText()).endsWith("alpha");
        assertThat(ws.get(0).path("latestDecision").isNull()).isTrue();
        JsonNode latest = ws.get(1).path("latestDecision");
        assertThat(latest.path("number").asText()).isEqualTo("0001");
        assertThat(latest.path("decision").asText()).isEqualTo("FINE_TUNE");
        assertThat(latest.path("method").asText()).isEqualTo("LORA");
        assertThat(ws.get(1).path("nextReview").asText()).matches("\\d{4}-\\d{2}-\\d{2}");

        // the decision record, rendered by the HTML report, in its own sandbox
        Fixture.Reply report = get(base() + "/w/beta/report/0001");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("<canvas");
        assertThat(report.headers().firstValue("Content-Security-Policy").orElse(""))
                .startsWith("sandbox allow-scripts;");
        assertThat(get(base() + "/api/workspaces/beta/pilot")
                        .json()
                        .path("record")
                        .path("verdict")
                        .asText())
                .isEqualTo("SCALE");
        assertThat(get(base() + "/api/workspaces/beta/decisions").json().path("timeline"))
                .hasSize(2);
        for (String page : List.of(
                "/",
                "/w/alpha/",
                "/w/alpha/audit",
                "/w/alpha/review",
                "/w/alpha/regression",
                "/w/alpha/pilot",
                "/w/alpha/conflicts",
                "/w/alpha/weekly",
                "/assets/app.js",
                "/assets/chart.umd.js")) {
            assertThat(get(base() + page).status()).as(page).isEqualTo(200);
        }
    }

    @Test
    void claimsDecisionsAndTheirStatusCodes() throws Exception {
        Path ws = Fixture.workspace(dir, 2, 3, List.of());
        Reviewers reviewers = new Reviewers(dir);
        String ana = reviewers.add("ana");
        String ben = reviewers.add("ben");
        assertThat(Files.readString(reviewers.file())).doesNotContain(ana).contains(Reviewers.hash(ana));
        start(0);
        String claimUrl = base() + "/api/workspaces/" + dir.getFileName() + "/review/claim";
        assertThat(post(claimUrl, null, Map.of()).status()).isEqualTo(401);
        assertThat(post(claimUrl, "not-a-token", Map.of()).status()).isEqualTo(401);

        JsonNode a = post(claimUrl, ana, Map.of()).json();
        assertThat(a.fieldNames()).toIterable().contains("id", "input", "output", "claim");
        JsonNode b = post(claimUrl, ben, Map.of()).json();
        assertThat(b.path("id").asText()).isNotEqualTo(a.path("id").asText());
        String aUrl = base() + "/api/workspaces/" + dir.getFileName() + "/review/"
                + a.path("id").asText();
        // ben cannot decide ana's row, even with her claim token
        Fixture.Reply stolen = post(aUrl, ben, Map.of("claim", a.path("claim").asText(), "action", "approve"));
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(stolen.json().path("error").asText()).contains("claimed by ana");
        assertThat(post(aUrl, ana, Map.of("claim", a.path("claim").asText(), "action", "maybe"))
                        .status())
                .isEqualTo(400);
        assertThat(post(
                                aUrl,
                                ana,
                                Map.of(
                                        "claim",
                                        a.path("claim").asText(),
                                        "action",
                                        "edit",
                                        "output",
                                        "{\"queue\": \"account\"}"))
                        .status())
                .isEqualTo(200);
        assertThat(post(aUrl, ana, Map.of("claim", a.path("claim").asText(), "action", "approve"))
                        .status())
                .as("decided already")
                .isEqualTo(409);
        String bUrl = base() + "/api/workspaces/" + dir.getFileName() + "/review/"
                + b.path("id").asText();
        assertThat(post(bUrl, ben, Map.of("claim", b.path("claim").asText(), "action", "reject"))
                        .status())
                .isEqualTo(200);
        JsonNode c = post(claimUrl, ana, Map.of()).json();
        assertThat(post(
                                base() + "/api/workspaces/" + dir.getFileName() + "/review/"
                                        + c.path("id").asText(),
                                ana,
                                Map.of("claim", c.path("claim").asText(), "action", "approve"))
                        .status())
                .isEqualTo(200);
        assertThat(post(claimUrl, ana, Map.of()).status()).isEqualTo(204);

        List<JsonNode> log = Fixture.log(ws);
        assertThat(log)
                .extracting(n ->
                        n.path("reviewer").asText() + ":" + n.path("action").asText())
                .containsExactly("ana:edit", "ben:reject", "ana:approve");
        JsonNode overview =
                get(base() + "/api/workspaces/" + dir.getFileName() + "/review").json();
        assertThat(overview.path("progress").path("done").asInt()).isEqualTo(3);
        assertThat(overview.path("progress").path("byReviewer").path("ana").asInt())
                .isEqualTo(2);
    }

    @Test
    void conflictGroupsAreClaimedForOneReviewerResolvedIntoTheLogAndAStaleResolutionIsRefused() throws Exception {
        Path ws = Fixture.conflicts(dir, "<b>refund</b>");
        Reviewers reviewers = new Reviewers(dir);
        String ana = reviewers.add("ana");
        String bo = reviewers.add("bo");
        // a lease of one second, so that ana's claim lapses and bo can take the group
        server = TunegateServer.start(new ServeOptions(
                dir, ServeOptions.LOOPBACK, 0, new ReviewBoard.Settings(Duration.ofSeconds(1), 0, 42)));
        String api = base() + "/api/workspaces/" + dir.getFileName() + "/conflicts";
        JsonNode listed = get(api).json();
        // expected by construction of the fixture: 17 approved rows, groups of 3 (ticket 500) and 2 (ticket 501) rows
        assertThat(listed.path("total").asInt()).isEqualTo(2);
        assertThat(listed.path("countedRows").asInt()).isEqualTo(17);
        assertThat(listed.path("leaseSeconds").asInt()).isEqualTo(1);
        JsonNode g1 = listed.path("groups").get(0);
        assertThat(g1.path("number").asInt()).isEqualTo(1);
        assertThat(g1.path("inputs").get(0).asText()).isEqualTo(Fixture.ticket(500));
        assertThat(g1.path("rivals"))
                .extracting(r ->
                        r.path("output").asText() + " ×" + r.path("counted").asInt())
                .containsExactly("{\"queue\": \"billing\"} ×2", "{\"queue\": \"account\"} ×1");
        assertThat(g1.path("rivals").get(1).path("rows").get(0).path("who").asText())
                .isEqualTo("approved by cy");
        assertThat(listed.path("groups")
                        .get(1)
                        .path("rivals")
                        .get(1)
                        .path("output")
                        .asText())
                .isEqualTo("<b>refund</b>"); // data, as JSON text
        String key = listed.path("listing").asText();
        String id = g1.path("id").asText();

        assertThat(post(api + "/" + id + "/claim", null, Map.of("listing", key)).status())
                .isEqualTo(401);
        JsonNode anaClaim =
                post(api + "/" + id + "/claim", ana, Map.of("listing", key)).json();
        Fixture.Reply held = post(api + "/" + id + "/claim", bo, Map.of("listing", key));
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.json().path("error").asText()).contains("being resolved by ana");
        Fixture.Reply badWinner = post(
                api + "/" + id,
                ana,
                Map.of("listing", key, "claim", anaClaim.path("claim").asText(), "winner", "3"));
        assertThat(badWinner.status()).isEqualTo(400);
        assertThat(badWinner.json().path("error").asText()).contains("expected an output from 1 to 2");
        assertThat(post(api + "/nosuchgroup/claim", ana, Map.of("listing", key)).status())
                .isEqualTo(404);
        assertThat(post(api + "/" + id + "/claim", ana, Map.of("listing", "0123456789abcdef"))
                        .status())
                .isEqualTo(409);

        Thread.sleep(1_200); // ana's lease lapses
        JsonNode boClaim =
                post(api + "/" + id + "/claim", bo, Map.of("listing", key)).json();
        Fixture.Reply won = post(
                api + "/" + id,
                bo,
                Map.of("listing", key, "claim", boClaim.path("claim").asText(), "winner", "1"));
        assertThat(won.status()).as(won.body()).isEqualTo(200);
        assertThat(won.json().path("resolution").path("drop")).hasSize(1);
        // ana resolves from the listing she saw (now stale) with her lapsed claim: refused, naming who resolved it
        Fixture.Reply stale = post(
                api + "/" + id,
                ana,
                Map.of("listing", key, "claim", anaClaim.path("claim").asText(), "winner", "2"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("error").asText())
                .contains("conflict group " + id + " was resolved by bo")
                .contains("not recorded");

        // the other group, rejected whole from a fresh listing
        JsonNode now = get(api).json();
        assertThat(now.path("total").asInt()).isEqualTo(1);
        String key2 = now.path("listing").asText();
        assertThat(key2).isNotEqualTo(key);
        String id2 = now.path("groups").get(0).path("id").asText();
        JsonNode c2 =
                post(api + "/" + id2 + "/claim", ana, Map.of("listing", key2)).json();
        Fixture.Reply rejected = post(
                api + "/" + id2,
                ana,
                Map.of("listing", key2, "claim", c2.path("claim").asText(), "winner", "reject"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(get(api).json().path("total").asInt()).isZero();

        List<JsonNode> log = Fixture.log(ws);
        assertThat(log)
                .extracting(n -> n.path("reviewer").asText() + ":"
                        + n.path("action").asText() + ":" + n.path("group").asText() + ":"
                        + n.path("outcome").asText() + ":" + n.path("drop").size())
                .containsExactly("bo:resolve:" + id + ":choose:1", "ana:resolve:" + id2 + ":reject:2");
    }

    @Test
    void aWeeklyReviewIsServedOnlyFromItsWeeksFile() throws Exception {
        Path ws = Fixture.workspace(dir.resolve("alpha"), 1, 1, List.of());
        Files.createDirectories(ws.resolve("ops/weekly"));
        Files.writeString(dir.resolve("secret.json"), "{\"week\":\"LEAKED\"}");
        start(0);
        assertThat(get(base() + "/api/workspaces/alpha/weekly")
                        .json()
                        .path("latest")
                        .isNull())
                .isTrue();
        // a review: read from ops/weekly/WEEK.json and rendered by the CLI's page (log text escaped)
        Files.writeString(
                ws.resolve("ops/weekly/2026-W09.json"),
                "{\"week\":\"2026-W09\",\"from\":\"2026-02-23\",\"to\":\"2026-03-01\",\"calls\":12,\"refused\":2,"
                        + "\"refusedTopics\":[{\"id\":\"t1\",\"size\":2,\"representative\":\"<script>x</script>\","
                        + "\"examples\":[\"<script>x</script>\"],\"documents\":[],\"groups\":[],\"type\":\"NEW_DOCUMENT\","
                        + "\"hiddenDocuments\":[]}],\"backlog\":[],\"kpis\":{\"weeks\":[],\"checks\":[]}}");
        JsonNode o = get(base() + "/api/workspaces/alpha/weekly").json();
        assertThat(o.path("weeks")).extracting(JsonNode::asText).containsExactly("2026-W09");
        assertThat(o.path("latest").path("calls").asInt()).isEqualTo(12);
        assertThat(get(base() + "/api/workspaces")
                        .json()
                        .get(0)
                        .path("latestWeekly")
                        .asText())
                .isEqualTo("2026-W09");
        Fixture.Reply page = get(base() + "/w/alpha/weekly/2026-W09");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Weekly review 2026-W09").doesNotContain("<script>x</script>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .startsWith("sandbox allow-scripts;");
        for (String p :
                List.of("/w/alpha/weekly/2026-W10", "/w/alpha/weekly/..%2F..%2F..%2Fsecret", "/w/alpha/weekly/x")) {
            Fixture.Reply r = get(base() + p);
            assertThat(r.status()).as(p).isEqualTo(404);
            assertThat(r.body()).as(p).doesNotContain("LEAKED");
        }
    }

    @Test
    void browserSessionsNeedTheCsrfTokenAndBulkNeedsTheConfirmedCount() throws Exception {
        Path ws = Fixture.workspace(dir, 2, 6, List.of("<script>alert(1)</script> onerror=x"));
        String ana = new Reviewers(dir).add("ana");
        start(0);
        Fixture.Reply login = post(base() + "/api/session", null, Map.of("token", ana));
        assertThat(login.status()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        String session = cookie.substring(0, cookie.indexOf(';'));
        String csrf = login.json().path("csrf").asText();
        String bulk = base() + "/api/workspaces/" + dir.getFileName() + "/review/bulk";
        String body = dev.tunegate.io.Json.line(Map.of("q", "billing", "action", "approve", "confirm", 3));
        HttpRequest.Builder noCsrf = HttpRequest.newBuilder(URI.create(bulk))
                .header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        assertThat(Fixture.send(noCsrf).status()).isEqualTo(403);
        HttpRequest.Builder wrongCount = HttpRequest.newBuilder(URI.create(bulk))
                .header("Cookie", session)
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("\"confirm\":3", "\"confirm\":5")));
        assertThat(Fixture.send(wrongCount).status()).isEqualTo(409);
        HttpRequest.Builder ok = HttpRequest.newBuilder(URI.create(bulk))
                .header("Cookie", session)
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Fixture.Reply done = Fixture.send(ok);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("decided").asInt()).isEqualTo(3);
        assertThat(Fixture.log(ws))
                .hasSize(3)
                .allSatisfy(n -> assertThat(n.path("reviewer").asText()).isEqualTo("ana"));
        // the hostile row is served as data (JSON), never as markup
        JsonNode preview = get(base() + "/api/workspaces/" + dir.getFileName() + "/review?q=script")
                .json()
                .path("preview");
        assertThat(preview.get(0).path("input").asText()).isEqualTo("<script>alert(1)</script> onerror=x");
    }

    @Test
    void nothingOutsideDirIsReachableAndAWideBindWithoutReviewersIsRefused() throws Exception {
        Fixture.workspace(dir.resolve("alpha"), 1, 1, List.of());
        Files.createDirectories(dir.resolve("alpha/decisions"));
        Files.writeString(dir.resolve("secret.json"), "{\"decision\":\"LEAKED\"}");
        Files.writeString(
                dir.resolve("alpha/decisions/log.jsonl"),
                "{\"kind\":\"decision\",\"id\":\"0001\",\"json\":\"../../secret.json\"}\n");
        start(0);
        for (String p : List.of(
                "/w/..%2F..%2Fetc/review",
                "/api/workspaces/..%2F..%2Fetc/review",
                "/api/workspaces/alpha/../../secret.json",
                "/w/alpha/report/0001",
                "/assets/..%2F..%2Fsecret.json",
                "/api/workspaces/%2Ftmp/decisions")) {
            Fixture.Reply r = get(base() + p);
            assertThat(r.status()).as(p).isIn(400, 404);
            assertThat(r.body()).as(p).doesNotContain("LEAKED");
        }
        assertThatThrownBy(() ->
                        TunegateServer.start(new ServeOptions(dir, "0.0.0.0", 0, ReviewBoard.Settings.defaults())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no reviewers are configured");
        // beyond loopback (with a reviewer), reading data needs the reviewer too; health stays open
        String ana = new Reviewers(dir).add("ana");
        server.close();
        server = TunegateServer.start(new ServeOptions(dir, "0.0.0.0", 0, ReviewBoard.Settings.defaults()));
        assertThat(get(base() + "/api/health").status()).isEqualTo(200);
        assertThat(get(base() + "/api/workspaces").status()).isEqualTo(401);
        assertThat(get(base() + "/api/workspaces/alpha/review").status()).isEqualTo(401);
        Fixture.Reply listed = Fixture.send(HttpRequest.newBuilder(URI.create(base() + "/api/workspaces"))
                .header("Authorization", "Bearer " + ana));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get(0).path("problem").asText()).contains("not a record file of this workspace");
        assertThat(listed.body()).doesNotContain("LEAKED");
    }

    @Test
    void aSampleOfRowsGoesToTwoReviewersAndTheirAgreementIsReported() throws Exception {
        Fixture.workspace(dir, 1, 40, List.of());
        Reviewers reviewers = new Reviewers(dir);
        Map<String, String> tokens = Map.of("ana", reviewers.add("ana"), "ben", reviewers.add("ben"));
        start(0.5);
        String name = dir.getFileName().toString();
        int decisions = 0;
        for (String who : List.of("ana", "ben")) {
            while (true) {
                Fixture.Reply c = post(base() + "/api/workspaces/" + name + "/review/claim", tokens.get(who), Map.of());
                if (c.status() == 204) break;
                JsonNode row = c.json();
                // ana approves everything; ben rejects the drafts routed to "account"
                String action =
                        who.equals("ben") && row.path("output").asText().contains("account") ? "reject" : "approve";
                assertThat(post(
                                        base() + "/api/workspaces/" + name + "/review/"
                                                + row.path("id").asText(),
                                        tokens.get(who),
                                        Map.of("claim", row.path("claim").asText(), "action", action))
                                .status())
                        .isEqualTo(200);
                decisions++;
            }
        }
        JsonNode o = get(base() + "/api/workspaces/" + name + "/review").json();
        int doubles = o.path("progress").path("doubleRows").asInt();
        assertThat(doubles).isBetween(8, 32); // 40 rows × 0.5, seeded
        assertThat(decisions).isEqualTo(40 + doubles);
        assertThat(o.path("agreement").path("rows").asInt()).isEqualTo(doubles);
        assertThat(o.path("progress").path("left").asInt()).isZero();
    }
}
