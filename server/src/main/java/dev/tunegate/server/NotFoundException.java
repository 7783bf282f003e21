package dev.tunegate.server;

/** What a request names does not exist (a workspace, a record, a page): 404. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}
