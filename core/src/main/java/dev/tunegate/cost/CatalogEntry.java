package dev.tunegate.cost;

import java.time.LocalDate;

/** An entry of the {@link PriceCatalog}: every entry says when its figures were read and where. */
public sealed interface CatalogEntry permits ModelPrice, GpuPrice {

    /** The entry's id, e.g. {@code gpt-4o-mini} or {@code h100-80gb}. */
    String id();

    /** The date the figures were read; null only for a user override that gives none. */
    LocalDate asOf();

    /** Where the figures come from. */
    String source();

    /** Where the entry is defined: {@code price-catalog.yaml:12} or {@code tunegate.yaml:40}. */
    String origin();
}
