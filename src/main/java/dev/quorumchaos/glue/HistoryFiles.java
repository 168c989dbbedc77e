package dev.quorumchaos.glue;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.edn.HistoryEdn;
import dev.quorumchaos.report.Progress;
import dev.quorumchaos.service.Service;
import io.cucumber.java.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves a scenario's operations and faults as {@code <report dir>/<scenario>/history.edn}, in
 * Jepsen's EDN history format, so a run can be checked again ({@code ./chaos check}) or handed to
 * Knossos, Elle or Jepsen. Scenarios with the same name get {@code -2}, {@code -3}, ... after it.
 */
final class HistoryFiles {

    static final String FILE_NAME = "history.edn";

    private HistoryFiles() {
    }

    /**
     * @param service null when the scenario deployed none
     * @return the file's path relative to the report directory, or null when there was nothing to save
     */
    static String save(History history, Path reports, Service service, Progress progress, Scenario scenario) {
        if (history.entries().isEmpty()) {
            return null;
        }
        String name = Hooks.slug(scenario.getName());
        String dir = name.isEmpty() ? "scenario" : name;
        for (int n = 2; Files.exists(reports.resolve(dir)); n++) {
            dir = name + "-" + n;
        }
        Path file = reports.resolve(dir).resolve(FILE_NAME);
        try {
            HistoryEdn.write(history, file, header(scenario, dir, service));
            return dir + "/" + FILE_NAME;
        } catch (IOException e) {
            progress.say("could not save the history to " + file + ": " + e.getMessage());
            return null;
        }
    }

    private static String header(Scenario scenario, String dir, Service service) {
        boolean linearizableReads = service != null
                && service.reads() == dev.quorumchaos.service.ReadPromise.LINEARIZABLE;
        String promise = linearizableReads
                ? "Check it again as " + service.name() + " promises (linearizable reads and writes), from the report\n"
                : "Check it again as " + (service == null ? "ZooKeeper" : service.name())
                + " promises (linearizable writes, reads judged per session), from the report\n";
        java.net.URI uri = scenario.getUri(); // classpath:features/x.feature in a team's JUnit suite: no path
        return "quorum-chaos history of \"" + scenario.getName() + "\" ("
                + (uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath()) + ":" + scenario.getLine() + ")\n"
                + "Jepsen's EDN history format: one operation per line, :time in ns since the scenario began,\n"
                + "a create is a compare-and-set from nil, faults are :nemesis operations.\n"
                + promise
                + "directory:\n"
                + "  ./chaos check --reads " + (linearizableReads ? "linearizable " : "ignored ") + dir + "/" + FILE_NAME;
    }
}
