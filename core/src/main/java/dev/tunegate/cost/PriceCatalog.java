package dev.tunegate.cost;

import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The price catalog: provider models priced per token (with their fine-tuning offer), open-weights
 * models with their size, and GPU types with their price, throughput and memory. Every entry is
 * dated; {@link #stale(CatalogEntry, LocalDate)} says when one is too old to trust unchecked.
 *
 * @param models models by id, in catalog order
 * @param gpus GPU types by id, in catalog order
 */
public record PriceCatalog(Map<String, ModelPrice> models, Map<String, GpuPrice> gpus) {
    /** The classpath resource of the shipped catalog. */
    public static final String RESOURCE = "/dev/tunegate/cost/price-catalog.yaml";

    /** Entries older than this many days are reported as stale. */
    public static final int STALE_AFTER_DAYS = 180;

    public PriceCatalog {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        gpus = Collections.unmodifiableMap(new LinkedHashMap<>(gpus));
    }

    /** The catalog shipped with tunegate. */
    public static PriceCatalog shipped() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null)
                throw new IllegalStateException("the shipped price catalog " + RESOURCE + " is missing from the build");
            return PriceCatalogReader.read("price-catalog.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("the shipped price catalog is invalid: " + e.getMessage(), e);
        }
    }

    public Optional<ModelPrice> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public Optional<GpuPrice> gpu(String id) {
        return Optional.ofNullable(gpus.get(id));
    }

    /** Every id, models first. */
    public List<String> ids() {
        List<String> out = new ArrayList<>(models.keySet());
        out.addAll(gpus.keySet());
        return out;
    }

    /** Age of an entry in days at {@code today}, or -1 when it is undated. */
    public static long ageDays(CatalogEntry e, LocalDate today) {
        return e.asOf() == null ? -1 : ChronoUnit.DAYS.between(e.asOf(), today);
    }

    /**
     * Whether an entry's prices are older than {@value #STALE_AFTER_DAYS} days at {@code today}. A
     * self-hosted model carries no price (its size and window do not go stale), so it never is.
     */
    public static boolean stale(CatalogEntry e, LocalDate today) {
        if (e instanceof ModelPrice m && m.hosting() == ModelPrice.Hosting.SELF_HOSTED) return false;
        return ageDays(e, today) > STALE_AFTER_DAYS;
    }
}
