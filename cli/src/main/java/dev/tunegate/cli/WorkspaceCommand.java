package dev.tunegate.cli;

import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** A command on one workspace: {@code DIR} first, then {@code --format} and the print-JSON-or-text end. */
abstract class WorkspaceCommand extends FormattedCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace.")
    Path dir;

    /** The workspace in {@code DIR}, its config validated. */
    Workspace workspace() {
        return DataCommand.open(dir);
    }

    /**
     * The commands of the main job ({@code assess}, {@code cost}, {@code pilot}), whose {@code DIR} says it is the
     * folder holding {@code tunegate.yaml}.
     */
    abstract static class Folder extends FormattedCommand {
        @Parameters(index = "0", paramLabel = "DIR", description = "The workspace folder (holding tunegate.yaml).")
        Path dir;
    }
}
