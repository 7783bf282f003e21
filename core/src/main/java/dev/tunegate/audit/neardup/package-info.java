/**
 * Near-duplicate detection for the dataset audit: word (or character) shingles, MinHash signatures,
 * LSH banding tuned to a Jaccard threshold, candidate verification and union-find clusters.
 * {@link dev.tunegate.audit.neardup.MinHasher} signs (pure, thread-safe);
 * {@link dev.tunegate.audit.neardup.NearDuplicateIndex} accumulates signatures and clusters them.
 */
package dev.tunegate.audit.neardup;
