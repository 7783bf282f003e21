package dev.tunegate.cost;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A model of the price catalog: a provider model priced per token, or an open-weights model a team
 * serves itself (priced through GPU hours).
 *
 * @param id catalog id
 * @param hosting {@code provider} or {@code self-hosted}
 * @param provider who sells it (provider models; empty otherwise)
 * @param inputPerMTok USD per million input tokens (provider models; null otherwise)
 * @param outputPerMTok USD per million output tokens (provider models; null otherwise)
 * @param paramsB parameters in billions (self-hosted models; may be null for provider models)
 * @param contextWindow context window in tokens (null when not known)
 * @param fineTuning the provider's fine-tuning offer (null for self-hosted models)
 * @param asOf when the figures were read
 * @param source where they were read
 * @param origin where the entry is defined
 */
public record ModelPrice(
        String id,
        Hosting hosting,
        String provider,
        BigDecimal inputPerMTok,
        BigDecimal outputPerMTok,
        Double paramsB,
        Long contextWindow,
        FineTuningPrice fineTuning,
        LocalDate asOf,
        String source,
        String origin)
        implements CatalogEntry {

    /** Where a model runs. */
    public enum Hosting {
        PROVIDER("provider"),
        SELF_HOSTED("self-hosted");

        private final String key;

        Hosting(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Hosting parse(String s) {
            for (Hosting h : values()) if (h.key.equals(s)) return h;
            return null;
        }
    }

    public ModelPrice {
        provider = provider == null ? "" : provider;
        source = source == null ? "" : source;
        origin = origin == null ? "" : origin;
    }

    /** Whether the provider sells fine-tuning of this model today. */
    public boolean fineTuningOffered() {
        return fineTuning != null && fineTuning.offered();
    }
}
