/**
 * How tunegate touches the file system: one-line input errors, atomic writes, append-only logs, digests.
 *
 * <p>Must not import any other tunegate package: everything else builds on it. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.io;
