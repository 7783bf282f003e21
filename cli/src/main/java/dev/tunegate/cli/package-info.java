/**
 * The command line: one picocli class per subcommand under {@link dev.tunegate.cli.TunegateCommand}, the only
 * {@code System.exit} of tunegate, and the one place errors become exit codes ({@code ErrorHandler}: 3 invalid
 * input, 5 a failed write, 1 a gate that says no).
 *
 * <p>Commands parse options, call one service of core and print; they hold no business logic (what a command
 * computes belongs in core, as {@code cost} runs {@code assess.CostRun}). Most extend {@code FormattedCommand}
 * ({@code --format}, the print-JSON-or-text end) or {@code WorkspaceCommand} (with {@code DIR}).
 *
 * <p>May import core; must not import {@code dev.tunegate.server} (a module it does not depend on).
 */
package dev.tunegate.cli;
