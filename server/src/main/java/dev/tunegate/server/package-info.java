/**
 * {@code tunegate serve}: the team's web workspace over core's services (Javalin on Jetty). {@link
 * dev.tunegate.server.TunegateServer} holds every route; handlers do HTTP only and services reuse core
 * (decisions, the audit's findings as {@code evidence.Finding}, the golden-set regression, the review board).
 *
 * <p>May import core; no business logic lives here (the review's rules are core's {@code dataops.review}); must not
 * import {@code dev.tunegate.cli}.
 */
package dev.tunegate.server;
