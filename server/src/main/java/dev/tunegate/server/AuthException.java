package dev.tunegate.server;

/** A request without a valid reviewer (401) or, with {@code forbidden}, a session request without its CSRF token (403). */
final class AuthException extends RuntimeException {
    final boolean forbidden;

    AuthException(String message, boolean forbidden) {
        super(message);
        this.forbidden = forbidden;
    }
}
