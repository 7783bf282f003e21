/**
 * Evidence: the typed values analyzers measure from a workspace's artifacts (or read from its
 * declared config) and the policy decides on, and the one {@link dev.tunegate.evidence.Finding} shape every
 * evidence producer reports the rows it read past with. Nothing here reads files or decides anything.
 *
 * <p>Must not import any other tunegate package but io. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.evidence;
