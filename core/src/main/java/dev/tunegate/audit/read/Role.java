package dev.tunegate.audit.read;

/** The role of a message in a training example. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL;

    /** The lower-case name used in reports. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
