package dev.tunegate.audit.read;

/**
 * Turns a raw row into an example and its problems. Stateless and thread-safe: the audit calls
 * one parser from all worker threads.
 */
public interface RowParser {

    /** Parses one row; never throws on bad content (problems are returned). */
    ParsedRow parse(RawRow row);
}
