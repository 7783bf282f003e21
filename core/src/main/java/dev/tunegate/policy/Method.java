package dev.tunegate.policy;

/** How to fine-tune, with the seed's typical cost band per run (USD). */
public enum Method {
    LORA("LoRA", "production default for 7B–13B", 100, 1_000),
    QLORA("QLoRA", "budget labs, rapid iteration", 50, 500),
    FULL("Full fine-tune", "maximum quality ceiling", 500, 5_000),
    PROVIDER_API("Provider API fine-tune", "when data may leave the perimeter", 0, 0);

    private final String label;
    private final String bestFor;
    private final int bandLowUsd;
    private final int bandHighUsd;

    Method(String label, String bestFor, int bandLowUsd, int bandHighUsd) {
        this.label = label;
        this.bestFor = bestFor;
        this.bandLowUsd = bandLowUsd;
        this.bandHighUsd = bandHighUsd;
    }

    public String label() {
        return label;
    }

    public String bestFor() {
        return bestFor;
    }

    /** The seed's typical cost per run, low end (0 when priced per training token). */
    public int bandLowUsd() {
        return bandLowUsd;
    }

    /** The seed's typical cost per run, high end ("5k+" for full is open-ended). */
    public int bandHighUsd() {
        return bandHighUsd;
    }
}
