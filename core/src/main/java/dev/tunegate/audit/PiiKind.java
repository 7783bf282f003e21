package dev.tunegate.audit;

/** The kinds of personal data the audit detects. */
public enum PiiKind {
    EMAIL("email"),
    PHONE("phone"),
    PAYMENT_CARD("payment_card"),
    IBAN("iban"),
    US_SSN("us_ssn"),
    IPV4("ipv4"),
    IPV6("ipv6");

    private final String key;

    PiiKind(String key) {
        this.key = key;
    }

    /** The key used in reports, e.g. {@code payment_card}. */
    public String key() {
        return key;
    }
}
