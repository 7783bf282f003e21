package dev.tunegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.dataops.review.ClaimConflictException;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.report.HtmlReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tunegate serve}: the team's web workspace on an embedded Javalin (Jetty) server. Handlers here do
 * HTTP only (read the request, call a service, write JSON or a page); the services ({@link DecisionService},
 * {@link AuditService}, {@link ReviewService}, {@link RegressionService}, {@link ConflictService}, {@link WeeklyService}) know nothing of HTTP; exceptions
 * become status codes in {@link #mapErrors} and nowhere else.
 *
 * <p>Security: every response carries a strict Content-Security-Policy (scripts and styles only from
 * {@code /assets/}, no inline code); every page renders user text with {@code textContent}; a state change
 * needs a reviewer, either {@code Authorization: Bearer TOKEN} or a browser session cookie (HttpOnly,
 * SameSite=Strict) plus its CSRF token in {@code X-CSRF-Token}. Bound beyond loopback, reading data needs a
 * reviewer too (only health and sign-in are open). The decision page embeds the HTML report (and the weekly
 * page the weekly ops review) in a sandboxed frame (an opaque origin: its inline Chart.js cannot reach this origin's API or cookie).
 */
public final class TunegateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TunegateServer.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                    + "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String REPORT_CSP =
            "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                    + "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
    private static final Map<String, String[]> ASSETS = Map.of(
            "app.js", new String[] {"dev/tunegate/server/assets/app.js", "text/javascript; charset=utf-8"},
            "app.css", new String[] {"dev/tunegate/server/assets/app.css", "text/css; charset=utf-8"},
            "chart.umd.js",
                    new String[] {
                        "META-INF/resources/webjars/chart.js/" + HtmlReport.CHART_JS_VERSION + "/dist/chart.umd.js",
                        "text/javascript; charset=utf-8"
                    });

    private final ServeOptions options;
    private final WorkspaceCatalog catalog;
    private final Reviewers reviewers;
    private final Sessions sessions = new Sessions();
    private final DecisionService decisions;
    private final AuditService audit;
    private final ReviewService review;
    private final RegressionService regression;
    private final ConflictService conflicts;
    private final WeeklyService weekly;
    private final Javalin app;
    /** Bound beyond loopback: reading data also needs a reviewer (on loopback, reading is open to this machine's users). */
    private final boolean readsNeedReviewer;

    private TunegateServer(ServeOptions options) {
        this.options = options;
        this.catalog = new WorkspaceCatalog(options.dir(), options.review(), Clock.systemUTC());
        this.reviewers = new Reviewers(catalog.root());
        this.decisions = new DecisionService(catalog);
        this.audit = new AuditService(catalog);
        this.review = new ReviewService(catalog);
        this.regression = new RegressionService(catalog);
        this.conflicts = new ConflictService(catalog);
        this.weekly = new WeeklyService(catalog);
        this.readsNeedReviewer = !loopback(options.bind());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(
                    Json.mapper().copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT),
                    false));
            config.router.ignoreTrailingSlashes = true;
            config.http.maxRequestSize = 1_000_000L;
        });
        routes();
        mapErrors();
    }

    /**
     * Starts serving.
     *
     * @throws InvalidInputException when binding beyond loopback with no reviewers configured
     */
    public static TunegateServer start(ServeOptions options) {
        TunegateServer s = new TunegateServer(options);
        if (!loopback(options.bind()) && s.reviewers.list().isEmpty()) {
            throw new InvalidInputException(
                    "--bind " + options.bind() + ": refused, no reviewers are configured for " + s.catalog.root()
                            + " (anyone on the network could act); add one with tunegate serve --add-reviewer NAME "
                            + options.dir() + ", or bind 127.0.0.1");
        }
        s.app.start(options.bind(), options.port());
        return s;
    }

    static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new InvalidInputException("--bind: expected an address of this machine, found \"" + bind + "\"");
        }
    }

    public int port() {
        return app.port();
    }

    /** The address to print: {@code http://HOST:PORT/}. */
    public String url() {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }

    // ------------------------------------------------------------------------------------------ routes

    private void routes() {
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "SAMEORIGIN");
            ctx.header("Cache-Control", "no-store");
            boolean read = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
            boolean open = ctx.path().equals("/api/session") || ctx.path().equals("/api/health");
            if (!open && !read && ctx.path().startsWith("/api/")) {
                ctx.attribute("reviewer", reviewer(ctx, true));
            } else if (!open
                    && read
                    && readsNeedReviewer
                    && (ctx.path().startsWith("/api/")
                            || ctx.path().contains("/report/")
                            || ctx.path().matches("/w/[^/]+/weekly/.+"))) {
                reviewer(ctx, false); // beyond loopback, the data is for the workspace's reviewers only
            }
        });
        app.get("/api/health", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/api/workspaces", ctx -> ctx.json(workspaces()));
        app.get("/api/session", ctx -> {
            ObjectNode o = F.objectNode();
            Optional<Sessions.Session> s = sessions.get(ctx.cookie(Sessions.COOKIE));
            o.put("reviewer", s.map(Sessions.Session::reviewer).orElse(null));
            o.put("csrf", s.map(Sessions.Session::csrf).orElse(null));
            o.put("reviewersConfigured", !reviewers.list().isEmpty());
            ctx.json(o);
        });
        app.post("/api/session", ctx -> {
            String token = body(ctx).path("token").asText("");
            String name = reviewers
                    .authenticate(token)
                    .orElseThrow(() -> new AuthException("that token belongs to no reviewer of this workspace", false));
            Sessions.Session s = sessions.open(name);
            ctx.header(
                    "Set-Cookie",
                    Sessions.COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                            + Sessions.TTL.toSeconds());
            ctx.json(Map.of("reviewer", s.reviewer(), "csrf", s.csrf()));
        });
        app.post("/api/logout", ctx -> {
            sessions.close(ctx.cookie(Sessions.COOKIE));
            ctx.header("Set-Cookie", Sessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
            ctx.json(Map.of("reviewer", ""));
        });
        app.get("/api/workspaces/{name}/decisions", ctx -> {
            String ws = name(ctx);
            ObjectNode o = F.objectNode();
            o.set("latest", decisions.latest(ws));
            o.set("timeline", Json.mapper().valueToTree(decisions.timeline(ws)));
            ctx.json(o);
        });
        app.get(
                "/api/workspaces/{name}/audit",
                ctx -> ctx.json(audit.page(
                        name(ctx), ctx.queryParam("kind"), intParam(ctx, "page", 0), intParam(ctx, "size", 25))));
        app.get("/api/workspaces/{name}/regression", ctx -> ctx.json(regression.report(name(ctx))));
        app.get("/api/workspaces/{name}/pilot", ctx -> {
            ObjectNode o = F.objectNode();
            o.set("record", decisions.latestPilot(name(ctx)));
            ctx.json(o);
        });
        app.get("/api/workspaces/{name}/review", ctx -> ctx.json(review.overview(name(ctx), ctx.queryParam("q"))));
        app.post("/api/workspaces/{name}/review/claim", ctx -> {
            java.util.Set<String> skip = new java.util.HashSet<>();
            JsonNode b = body(ctx);
            b.path("skip").forEach(n -> skip.add(n.asText()));
            Optional<ObjectNode> c = review.claim(
                    name(ctx), ctx.attribute("reviewer"), skip, b.path("q").asText(""));
            if (c.isPresent()) ctx.json(c.get());
            else ctx.status(204);
        });
        app.post("/api/workspaces/{name}/review/bulk", ctx -> {
            JsonNode b = body(ctx);
            ctx.json(review.bulk(
                    name(ctx),
                    ctx.attribute("reviewer"),
                    b.path("q").asText(""),
                    b.path("action").asText(""),
                    b.path("confirm").isInt() ? b.path("confirm").asInt() : null));
        });
        app.post("/api/workspaces/{name}/review/{id}/release", ctx -> {
            review.release(
                    name(ctx),
                    ctx.attribute("reviewer"),
                    ctx.pathParam("id"),
                    body(ctx).path("claim").asText(""));
            ctx.json(Map.of("released", ctx.pathParam("id")));
        });
        app.post("/api/workspaces/{name}/review/{id}", ctx -> {
            JsonNode b = body(ctx);
            ctx.json(review.decide(
                    name(ctx),
                    ctx.attribute("reviewer"),
                    ctx.pathParam("id"),
                    b.path("claim").asText(null),
                    b.path("action").asText(null),
                    b.path("output").isTextual() ? b.path("output").asText() : null));
        });
        app.get(
                "/api/workspaces/{name}/conflicts",
                ctx -> ctx.json(conflicts.overview(name(ctx), intParam(ctx, "page", 0), intParam(ctx, "size", 20))));
        app.post(
                "/api/workspaces/{name}/conflicts/{id}/claim",
                ctx -> ctx.json(conflicts.claim(
                        name(ctx),
                        ctx.attribute("reviewer"),
                        body(ctx).path("listing").asText(""),
                        ctx.pathParam("id"))));
        app.post("/api/workspaces/{name}/conflicts/{id}/release", ctx -> {
            conflicts.release(
                    name(ctx),
                    ctx.attribute("reviewer"),
                    ctx.pathParam("id"),
                    body(ctx).path("claim").asText(""));
            ctx.json(Map.of("released", ctx.pathParam("id")));
        });
        app.post("/api/workspaces/{name}/conflicts/{id}", ctx -> {
            JsonNode b = body(ctx);
            ctx.json(conflicts.resolve(
                    name(ctx),
                    ctx.attribute("reviewer"),
                    b.path("listing").asText(""),
                    ctx.pathParam("id"),
                    b.path("claim").asText(""),
                    b.path("winner").asText("")));
        });
        app.get("/w/{name}/report/{id}", ctx -> {
            String html = decisions.reportHtml(name(ctx), ctx.pathParam("id"));
            ctx.header("Content-Security-Policy", REPORT_CSP);
            ctx.contentType("text/html; charset=utf-8").result(html);
        });
        app.get("/api/workspaces/{name}/weekly", ctx -> ctx.json(weekly.overview(name(ctx))));
        app.get("/w/{name}/weekly/{week}", ctx -> {
            String html = weekly.page(name(ctx), ctx.pathParam("week"));
            ctx.header("Content-Security-Policy", REPORT_CSP);
            ctx.contentType("text/html; charset=utf-8").result(html);
        });
        app.get("/assets/{file}", ctx -> {
            String[] a = ASSETS.get(ctx.pathParam("file"));
            if (a == null) throw new NotFoundException("no asset " + ctx.pathParam("file"));
            ctx.header("Cache-Control", "max-age=3600");
            ctx.contentType(a[1]).result(resource(a[0]));
        });
        for (Page p : Page.ALL) {
            if (!p.perWorkspace()) {
                app.get("/", ctx -> page(ctx, p, null));
            } else {
                app.get("/w/{name}" + (p.path().isEmpty() ? "" : "/" + p.path()), ctx -> page(ctx, p, name(ctx)));
            }
        }
    }

    private void mapErrors() {
        app.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        app.exception(NoSuchElementException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        app.exception(ClaimConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(AuthException.class, (e, ctx) -> {
            if (!e.forbidden) ctx.header("WWW-Authenticate", "Bearer");
            error(ctx, e.forbidden ? 403 : 401, e.getMessage());
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(
                    ctx,
                    500,
                    "internal error: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) error(ctx, 404, "no such page: " + ctx.path());
        });
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? "" : message));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String reviewer(Context ctx, boolean changes) {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7))
                throw new AuthException("Authorization: expected Bearer TOKEN", false);
            return reviewers
                    .authenticate(auth.substring(7))
                    .orElseThrow(() -> new AuthException("that token belongs to no reviewer of this workspace", false));
        }
        Sessions.Session s = sessions.get(ctx.cookie(Sessions.COOKIE))
                .orElseThrow(() -> new AuthException(
                        "sign in as a reviewer (a token from tunegate serve --add-reviewer NAME DIR)", false));
        String csrf = ctx.header("X-CSRF-Token");
        if (!changes) return s.reviewer();
        if (csrf == null
                || !java.security.MessageDigest.isEqual(
                        csrf.getBytes(), s.csrf().getBytes())) {
            throw new AuthException("missing or wrong CSRF token (X-CSRF-Token)", true);
        }
        return s.reviewer();
    }

    private String name(Context ctx) {
        String n = ctx.pathParam("name");
        catalog.dir(n);
        return n;
    }

    private static JsonNode body(Context ctx) {
        String b = ctx.body();
        if (b.isBlank()) return F.objectNode();
        try {
            JsonNode n = Json.mapper().readTree(b);
            if (n == null || !n.isObject()) throw new InvalidInputException("request body: expected a JSON object");
            return n;
        } catch (IOException e) {
            throw new InvalidInputException("request body: expected JSON, found "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "query parameter " + name + ": expected a whole number, found \"" + v + "\"");
        }
    }

    private ArrayNode workspaces() {
        ArrayNode out = F.arrayNode();
        for (String n : catalog.names()) {
            ObjectNode o = out.addObject();
            o.put("name", n);
            o.put("path", catalog.dir(n).toString());
            ObjectNode latest;
            String problem = null;
            try {
                latest = decisions.latest(n);
            } catch (NotFoundException e) {
                latest = null; // a damaged or foreign record: the other workspaces still list
                problem = e.getMessage();
            }
            o.set("latestDecision", latest);
            o.put(
                    "nextReview",
                    latest == null ? null : latest.path("nextReview").asText(null));
            o.set("changed", latest == null ? F.arrayNode() : latest.path("changed"));
            o.put("latestWeekly", weekly.latestWeek(n));
            if (problem != null) o.put("problem", problem);
        }
        return out;
    }

    private void page(Context ctx, Page page, String ws) {
        StringBuilder nav = new StringBuilder();
        for (Page p : Page.ALL) {
            if (p.perWorkspace() && ws == null) continue;
            String href = p.perWorkspace() ? "/w/" + HtmlReport.esc(ws) + "/" + p.path() : "/";
            nav.append("<a href=\"")
                    .append(href)
                    .append("\"")
                    .append(p == page ? " aria-current=\"page\"" : "")
                    .append(">")
                    .append(HtmlReport.esc(p.title()))
                    .append("</a>");
        }
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>tunegate · " + HtmlReport.esc(page.title()) + (ws == null ? "" : " · " + HtmlReport.esc(ws))
                + "</title>"
                + "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/app.css\">"
                + "<script src=\"/assets/chart.umd.js\" defer></script><script src=\"/assets/app.js\" defer></script></head>"
                + "<body data-page=\"" + HtmlReport.esc(page.id()) + "\" data-ws=\""
                + (ws == null ? "" : HtmlReport.esc(ws)) + "\">"
                + "<header><a class=\"brand\" href=\"/\">tunegate</a>"
                + (ws == null ? "" : "<span class=\"ws\">" + HtmlReport.esc(ws) + "</span>")
                + "<nav>" + nav + "</nav><span id=\"who\"></span></header>"
                + "<main id=\"main\"><p class=\"muted\">Loading…</p></main></body></html>\n";
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    private static byte[] resource(String path) {
        try (InputStream in = TunegateServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new NotFoundException("asset missing from the jar: " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
