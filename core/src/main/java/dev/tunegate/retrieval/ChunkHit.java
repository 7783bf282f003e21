package dev.tunegate.retrieval;

/**
 * A chunk returned by a search.
 *
 * @param chunkId the chunk
 * @param documentId its document
 * @param score its BM25 score
 * @param tokens its size in tokens
 */
public record ChunkHit(String chunkId, String documentId, double score, int tokens) {}
