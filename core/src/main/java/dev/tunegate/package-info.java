/**
 * tunegate's core: the evidence-first fine-tune / RAG / prompt decision, and the data operations around it. No
 * command line, no HTTP: {@code cli} and {@code server} are the only modules that talk to people, and core never
 * imports them (Maven's module graph forbids it).
 *
 * <p>The layers, bottom up (an arrow is "may import"; docs/ARCHITECTURE.md draws them):
 *
 * <ul>
 *   <li>{@code io}, {@code tokens}, {@code evidence} (the measures and the one {@code Finding} shape), {@code
 *       workspace} (tunegate.yaml, typed) and {@code policy} (rules as data; only evidence) use nothing above them;
 *   <li>{@code analysis}: the analyzer contract and the pipeline runner, no concrete analyzer;
 *   <li>the analyzers {@code audit}, {@code evals}, {@code retrieval}, {@code cost}, which never import each
 *       other, and {@code dataops} (which may use audit and evals);
 *   <li>{@code record} and {@code report}: values and their renderings, computing nothing;
 *   <li>{@code assess}: the composition root (the standard pipeline, the decision record, one digest memo per run);
 *   <li>{@code pilot} and {@code ops}, built on the layers below; nothing in core imports them.
 * </ul>
 *
 * <p>This package itself holds {@link dev.tunegate.ToolVersion} only and must not import any package of core.
 * {@code ArchitectureTest} checks every rule here on the compiled classes, and that no two files of core use
 * each other across packages, directly or through others.
 */
package dev.tunegate;
