package dev.tunegate.audit.read;

import java.io.IOException;

/**
 * Splits a file into raw rows, on one thread. Implementations hold only the current row.
 */
public interface RowSource extends AutoCloseable {

    /** The next row, or null at the end of the file. An {@link IOException} mid-file means a truncated or corrupt stream. */
    RawRow next() throws IOException;

    /** The 1-based line the source has reached (for a truncated-file finding). */
    long line();

    @Override
    void close() throws IOException;
}
