/**
 * Token counting: an exact byte-pair-encoding counter for {@code o200k_base} and
 * {@code cl100k_base} that returns what jtokkit's {@code countTokensOrdinary} returns, at a
 * multiple of its speed, and jtokkit itself for any other encoding.
 *
 * <p>Entry point: {@link dev.tunegate.tokens.TokenCounter#forEncoding(String)}. The counter is a
 * hand-written pre-tokenizer per encoding ({@code O200kPreTokenizer}, {@code Cl100kPreTokenizer}:
 * the encodings' split regexes as code over a 64 K character-class table, no regex, no
 * substring), byte-pair merges over a compact open-addressing rank table ({@code BpeVocabulary},
 * read from the vocabulary files shipped inside the jtokkit jar) and a per-thread cache of pieces
 * that take more than one token. Counting allocates nothing per piece.
 *
 * <p>Must not import any package of core but io (the audit, the cost model and retrieval use it). Checked by
 * {@code ArchitectureTest}.
 */
package dev.tunegate.tokens;
