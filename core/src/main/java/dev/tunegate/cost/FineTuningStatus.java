package dev.tunegate.cost;

/** Whether a provider sells fine-tuning of a model. */
public enum FineTuningStatus {
    /** Sold today. */
    OFFERED("offered"),
    /** Never sold for this model. */
    NOT_OFFERED("not-offered"),
    /** Sold once, withdrawn by the provider: never offered as a method. */
    WITHDRAWN("withdrawn");

    private final String key;

    FineTuningStatus(String key) {
        this.key = key;
    }

    /** The spelling in the catalog YAML. */
    public String key() {
        return key;
    }

    static FineTuningStatus parse(String s) {
        for (FineTuningStatus f : values()) if (f.key.equals(s)) return f;
        return null;
    }
}
