/** How tunegate touches the file system: one-line input errors, atomic writes, append-only logs, digests. */
package dev.tunegate.io;
