package dev.tunegate.audit.read;

/**
 * One message of an example.
 *
 * @param role who speaks
 * @param content its text (tool calls are included as their JSON); never null
 */
public record Message(Role role, String content) {
    public Message {
        content = content == null ? "" : content;
    }
}
