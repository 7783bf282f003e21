/**
 * Row readers of the dataset audit. A {@link dev.tunegate.audit.read.RowSource} splits a (plain,
 * gzip or zstd) file into raw rows on the reader thread: lines of JSONL (with a line-length cap),
 * elements of a JSON array (Jackson streaming) or CSV/TSV records (RFC 4180). A
 * {@link dev.tunegate.audit.read.RowParser} turns a raw row into an {@link dev.tunegate.audit.read.Example}
 * (messages by role plus metadata) and the format problems it has; parsers are stateless and run
 * on the worker threads; when no check reads texts ({@code --only counts}), {@link
 * dev.tunegate.audit.read.JsonRowParser#shallow} reads a clean JSONL row's metadata without decoding
 * its strings. {@link dev.tunegate.audit.read.DatasetReader} detects the format from the first rows
 * unless it is given, and hashes the file (SHA-256, on a thread of its own) as it is read. A plain
 * JSONL file can be read in blocks of whole lines instead ({@link dev.tunegate.audit.read.LineBlocks}),
 * split into rows on the workers, and read in one pass by {@code ShallowScan} under {@code --only counts}.
 *
 * <p>Must not import: assess, cost, dataops, evals, retrieval, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.audit.read;
