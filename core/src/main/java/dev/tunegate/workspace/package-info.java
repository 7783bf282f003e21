/**
 * The workspace: a folder and its validated {@code tunegate.yaml}. {@link dev.tunegate.workspace.ConfigSchema}
 * is the single definition of every key; {@link dev.tunegate.workspace.Workspace} is the entry point.
 *
 * <p>Must not import: assess, analysis, the analyzer packages, policy, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.workspace;
