package dev.tunegate.audit.read;

import java.util.List;

/**
 * A training example in the common shape every format is read into: messages by role (the last
 * assistant message is the output) and metadata.
 *
 * @param messages the messages in order; at least one assistant message when the row is valid
 * @param metadata provenance, status, reviewer, era
 */
public record Example(List<Message> messages, RowMetadata metadata) {
    public Example {
        messages = List.copyOf(messages);
        metadata = metadata == null ? RowMetadata.NONE : metadata;
    }

    private int lastAssistant() {
        for (int i = messages.size() - 1; i >= 0; i--) if (messages.get(i).role() == Role.ASSISTANT) return i;
        return -1;
    }

    /** The output: the content of the last assistant message ("" when there is none). */
    public String output() {
        int i = lastAssistant();
        return i < 0 ? "" : messages.get(i).content();
    }

    /** The input: every message before the last assistant message, one per line, role-prefixed when there are several. */
    public String input() {
        int end = lastAssistant();
        if (end < 0) end = messages.size();
        if (end == 1) return messages.get(0).content();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < end; i++) {
            Message m = messages.get(i);
            if (m.role() == Role.SYSTEM) continue; // the same system prompt on every row is not the input
            if (!b.isEmpty()) b.append('\n');
            b.append(m.content());
        }
        return b.toString();
    }

    /** The whole example: every message's content, joined by newlines. */
    public String wholeText() {
        StringBuilder b = new StringBuilder();
        for (Message m : messages) {
            if (!b.isEmpty()) b.append('\n');
            b.append(m.content());
        }
        return b.toString();
    }
}
