package dev.tunegate.cli;

import dev.tunegate.assess.CostRun;
import dev.tunegate.cost.CostReport;
import dev.tunegate.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tunegate cost DIR}: training cost per method, inference before and after, break-even and what it is sensitive to. */
@Command(
        mixinStandardHelpOptions = true,
        name = "cost",
        header = "What fine-tuning would cost and save, and when it pays off.",
        description = {
            "Compute what fine-tuning would cost and save: training cost per method (full, LoRA, QLoRA, provider API) "
                    + "beside the seed's typical band, inference cost per call and per week before and after, the weeks until "
                    + "the savings repay training (FT-COST), whether the call fits the candidate's context (FT-ONPREM), and "
                    + "which inputs flip the verdict at what value. Prices come from the dated catalog, overridable under "
                    + "prices: in tunegate.yaml; entries older than 180 days are flagged."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate cost examples/ticket-routing",
            "  tunegate cost examples/policy-qa --format json | jq .breakEvenWeeks"
        })
final class CostCommand extends WorkspaceCommand.Folder {
    @Mixin
    AsOfOption asOf;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        CostRun.Result run = CostRun.run(dir, threads.count(), TerminalProgress.forStderr(), asOf.date());
        CostReport report = run.report();
        Workspace ws = run.workspace();
        return print(
                report,
                o -> o.print(CostText.render(
                        java.util.Objects.requireNonNullElse(
                                ws.settings().useCase().name(), dir.toString()),
                        report)));
    }
}
