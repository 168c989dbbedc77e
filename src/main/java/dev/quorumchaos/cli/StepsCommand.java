package dev.quorumchaos.cli;

import dev.quorumchaos.glue.EnsembleSteps;
import dev.quorumchaos.glue.StepVocabulary;
import dev.quorumchaos.platform.kubernetes.KubernetesService;
import dev.quorumchaos.platform.local.LocalService;
import dev.quorumchaos.service.ReadPromise;
import dev.quorumchaos.service.Service;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
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
        System.out.println("\nServices (what each runs on, and which reads the linearizability check judges)");
        for (Service service : EnsembleSteps.SERVICES) {
            List<String> platforms = new ArrayList<>();
            if (service.part(LocalService.class).isPresent()) {
                platforms.add("local");
            }
            if (service.part(KubernetesService.class).isPresent()) {
                platforms.add("k3s, kubeconfig");
            }
            System.out.printf("  %-10s %-8s on %-22s reads: %s%n", service.name(), service.groupNoun(),
                    String.join(", ", platforms), service.reads() == ReadPromise.LINEARIZABLE
                            ? "linearizable, judged with the writes" : "may be stale, writes judged alone");
        }
        System.out.println("\n{int} is a whole number, {string} text in double quotes; (s) marks an optional"
                + " letter and a/b alternatives. Members are numbered from 0.");
        return ChaosCli.PASSED;
    }
}
