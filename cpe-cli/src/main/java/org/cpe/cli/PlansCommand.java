package org.cpe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.cpe.decider.plan.PlanCheck;
import org.cpe.decider.plan.PlanProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cpe plans validate plan.yml...}. */
@Command(name = "plans", description = "Works with execution plans.", subcommands = PlansCommand.Validate.class)
final class PlansCommand implements Runnable {

    @ParentCommand
    Cpe cpe;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The Decider's own check, offline: the verdict, each problem with its place, the step graph of a valid plan. */
    @Command(
            name = "validate",
            description = "Checks plan files as the Decider loads them, with no server: the verdict, each problem with"
                    + " its place, and for a valid plan its stages of steps.")
    static final class Validate implements Callable<Integer> {

        @ParentCommand
        PlansCommand plans;

        @Parameters(paramLabel = "PLAN_FILE", arity = "1..*", description = "plan files (YAML)")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            Output output = plans.cpe.output();
            boolean allValid = true;
            for (Path file : files) {
                PlanCheck.Verdict verdict = PlanCheck.check(file.toString(), Files.readString(file));
                allValid &= verdict.valid();
                if (output.mode == Output.Mode.JSON) {
                    output.json(verdict);
                } else if (verdict.valid()) {
                    output.out.println("VALID " + file + ": " + verdict.name() + " " + verdict.version() + ", "
                            + verdict.graph().steps().size() + " steps: "
                            + verdict.graph().stages().stream()
                                    .map(stage -> "[" + String.join(", ", stage) + "]")
                                    .collect(Collectors.joining(" -> ")));
                } else {
                    output.out.println("INVALID " + file);
                    for (PlanProblem problem : verdict.problems()) {
                        output.out.println(
                                "  " + (problem.where() == null ? "" : problem.where() + ": ") + problem.reason());
                    }
                }
            }
            output.out.flush();
            return allValid ? Cpe.OK : Cpe.REFUSED;
        }
    }
}
