package dev.tunegate.audit;

import dev.tunegate.evidence.Finding;

/** Where the audit sends every finding as it is made (e.g. a JSONL file). Called from one thread. */
@FunctionalInterface
public interface FindingSink {
    void accept(Finding finding);

    /** Discards findings. */
    FindingSink NONE = f -> {};
}
