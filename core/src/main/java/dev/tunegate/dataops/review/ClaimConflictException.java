package dev.tunegate.dataops.review;

/** A review decision or claim that collides with another reviewer's live claim, or with a decision already made. */
public final class ClaimConflictException extends RuntimeException {
    public ClaimConflictException(String message) {
        super(message);
    }
}
