package dev.quorumchaos.cli;

import dev.quorumchaos.glue.StepVocabulary;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Prints every step phrasing with an example, read from the glue itself. */
@Command(name = "steps", mixinStandardHelpOptions = true,
        description = "List every step phrasing scenarios can use, with an example.")
final class StepsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        String keyword = "";
        for (StepVocabulary.Phrasing p : StepVocabulary.all()) {
            if (!p.keyword().equals(keyword)) {
                keyword = p.keyword();
                System.out.println((keyword.equals("Given") ? "" : "\n") + keyword + " (" + switch (keyword) {
                    case "Given" -> "set-up";
                    case "When" -> "faults and time";
                    default -> "checks";
                } + ")");
            }
            System.out.printf("  %-58s e.g. %s %s%n", p.expression(), p.keyword(), p.example());
        }
        System.out.println("\n{int} is a whole number, {string} text in double quotes; (s) marks an optional"
                + " letter and a/b alternatives. Members are numbered from 0.");
        return ChaosCli.PASSED;
    }
}
