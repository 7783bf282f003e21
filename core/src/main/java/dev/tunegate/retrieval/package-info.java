/**
 * The retrieval audit: reads a corpus (a folder of Markdown, text and HTML files with front matter or
 * sidecar metadata, or a documents JSONL), chunks it by headings, indexes the chunks in an embedded
 * Lucene index (BM25, English analyzer) and evaluates golden questions — or an external retriever's
 * run — with trec_eval's definitions of recall@k, reciprocal rank and nDCG.
 *
 * <p>Every search runs as a {@link dev.tunegate.retrieval.Principal}: results are filtered by the
 * groups allowed to read each document. The audit checks that no principal sees a document outside
 * its groups (the leak check), reports documents without groups, what an anonymous user would see,
 * how often the facts change (from the documents' update history) and how many tokens of context a
 * call carries. Entry point: {@link dev.tunegate.retrieval.RetrievalAudit}; the analyzer that turns
 * its report into evidence: {@link dev.tunegate.retrieval.RetrievalAnalyzer}.
 *
 * <p>Must not import: assess, audit, cost, dataops, evals, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.retrieval;
