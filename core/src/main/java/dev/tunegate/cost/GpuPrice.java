package dev.tunegate.cost;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A GPU type of the price catalog.
 *
 * @param id catalog id, e.g. {@code a100-80gb}
 * @param memoryGb memory per GPU (10⁹ bytes)
 * @param bf16Tflops peak dense bf16 tensor throughput, TFLOPS (no sparsity)
 * @param usdPerHour on-demand price of one GPU for one hour
 * @param asOf when the figures were read
 * @param source where they were read
 * @param origin where the entry is defined
 */
public record GpuPrice(
        String id,
        double memoryGb,
        double bf16Tflops,
        BigDecimal usdPerHour,
        LocalDate asOf,
        String source,
        String origin)
        implements CatalogEntry {
    public GpuPrice {
        source = source == null ? "" : source;
        origin = origin == null ? "" : origin;
    }

    /** A copy with the hourly price multiplied by {@code factor} (sensitivity analysis). */
    public GpuPrice scaled(BigDecimal factor) {
        return new GpuPrice(id, memoryGb, bf16Tflops, usdPerHour.multiply(factor), asOf, source, origin);
    }
}
