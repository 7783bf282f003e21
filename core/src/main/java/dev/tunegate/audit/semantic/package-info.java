/**
 * The semantic audit ({@code audit --semantic}, {@code data.semantic: true}): what MinHash cannot see
 * because the wording changed. {@link dev.tunegate.audit.semantic.SentenceEncoder} runs a sentence-embedding
 * model in-process with ONNX Runtime (all-MiniLM-L6-v2 from langchain4j's Maven artifact, quantized by
 * default) on length-sorted batches; vectors are held as float16 and cached per text and model
 * ({@link dev.tunegate.audit.semantic.EmbeddingCache}); {@link dev.tunegate.audit.semantic.NeighbourSearch}
 * scores every pair below a size and uses Lucene's HNSW index over int8 copies above it, rescoring
 * candidates exactly. {@link dev.tunegate.audit.semantic.SemanticAudit} turns neighbours into paraphrase
 * leaks of the golden set, semantic near-duplicate clusters and semantic conflicts
 * ({@code docs/formats/audit-report.md}).
 *
 * <p>Its findings are {@link dev.tunegate.evidence.Finding}s, the one finding shape (kinds {@code semantic_leak},
 * {@code semantic_duplicate_cluster}, {@code semantic_conflict}; a leak's cosine is its {@code score}).
 *
 * <p>Part of the audit: may import the audit (and {@code audit.read}), analysis, evidence, io; must not import assess, cost,
 * dataops, evals, retrieval, record, report, pilot, ops. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.audit.semantic;
