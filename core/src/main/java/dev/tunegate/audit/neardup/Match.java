package dev.tunegate.audit.neardup;

/** A row of the index similar to a queried signature. */
public record Match(int row, double estimatedJaccard) {}
