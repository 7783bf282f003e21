package dev.tunegate.retrieval;

/**
 * A piece of a document that is indexed and retrieved.
 *
 * @param id {@code <document id>#<n>}, n counting from 0 in document order
 * @param documentId the document it belongs to
 * @param heading the heading of the section it comes from ("" before the first heading)
 * @param text its text
 * @param tokens its size in o200k_base tokens
 */
public record Chunk(String id, String documentId, String heading, String text, int tokens) {}
