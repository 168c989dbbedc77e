package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.catalog.FaultCatalog;
import dev.quorumchaos.glue.RunTargets;
import dev.quorumchaos.report.CucumberReports;
import dev.quorumchaos.report.Json;
import dev.quorumchaos.report.JsonWarmUp;
import dev.quorumchaos.report.RunLog;
import dev.quorumchaos.report.ScenarioRecord;
import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.trend.HistoryEntry;
import dev.quorumchaos.report.html.ResilienceReport;
import dev.quorumchaos.service.zookeeper.ZooKeeperStandbys;
import dev.quorumchaos.settings.RunSettings;
import io.cucumber.core.cli.Main;
import io.cucumber.core.gherkin.Feature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;

/**
 * {@code chaos run}: checks the features, picks the target, runs every scenario through Cucumber
 * with the project's glue and report plugins, and maps the outcome to an exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run feature files (default: everything under features/).",
        footer = {"", "Exit codes: 0 all passed, 1 a scenario failed, 2 bad input or an unusable target,"
                + " 3 the harness itself failed (the line printed names the log with the full trace)."})
final class RunCommand implements Callable<Integer> {

    static final String GLUE = "dev.quorumchaos.glue";
    static final String DEFAULT_TAGS = "not @expected-to-fail";
    /** Of most scenarios, and so the standbys started before the check knows the first one's size. */
    private static final int USUAL_ENSEMBLE_SIZE = 3;

    @Parameters(paramLabel = "PATH", description = "Feature files or directories, optionally file:line.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "With --target kubeconfig: the kubeconfig (default: $KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "With --target kubeconfig: the context to use; required the first time for a context.")
    String context;

    @Option(names = "--allow-shared-nodes",
            description = "With --target kubeconfig: allow node faults on nodes that also run other namespaces' pods.")
    boolean allowSharedNodes;

    @Option(names = "--allow-node-loss",
            description = "With --target kubeconfig: allow 'the node hosting ... is lost', which stops a node's kubelet"
                    + " with --node-loss-command.")
    boolean allowNodeLoss;

    @Option(names = "--node-loss-command", paramLabel = "COMMAND",
            description = "With --allow-node-loss: a shell command that stops or starts a node's kubelet, given"
                    + " $CHAOS_NODE and $CHAOS_KUBELET (stop|start), e.g. 'ssh \"$CHAOS_NODE\" sudo systemctl"
                    + " \"$CHAOS_KUBELET\" kubelet'.")
    String nodeLossCommand;

    @Option(names = "--target", paramLabel = "auto|local|k3s|kubeconfig",
            description = "Where members run (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    String target;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "Cucumber tag expression, e.g. '@local and not @slow'. Without paths and tags, "
                    + "'" + DEFAULT_TAGS + "' applies.")
    String tags;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports/latest",
            description = "Where reports go (default: ${DEFAULT-VALUE}); replaced as a whole at the end of the run.")
    Path reportDir;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for every random choice (random member, rolling order). Default: a new one,"
                    + " printed so the run can be repeated.")
    Long seed;

    @Option(names = "--dry-run", description = "Show what each scenario would deploy, inject and check,"
            + " and where; start and touch nothing.")
    boolean dryRun;

    @Option(names = "--faults", paramLabel = "DIR", description = "The fault catalog (default: faults/).")
    Path faultsDir;

    @Option(names = "--manifests", paramLabel = "DIR", description = "The manifests a Kubernetes target deploys: a"
            + " directory with one subdirectory per service (zookeeper/, etcd/), or one service's own (default:"
            + " harness/kubernetes/ here, else the harness's own); the conventions they keep are in"
            + " harness/kubernetes/README.md.")
    Path manifestsDir;

    @Option(names = "--restart-delay-ms", paramLabel = "MS", defaultValue = "1000",
            description = "How long a killed local member stays down before it restarts (default: ${DEFAULT-VALUE}).")
    long restartDelayMs;

    /** Of the first scenario to run, from the check; 0 if it names none. */
    private int firstEnsembleSize;
    /** The features as the check parsed them, for the run. */
    private List<Feature> checkedFeatures = List.of();

    @ParentCommand
    ChaosCli cli;

    @Override
    public Integer call() throws IOException {
        // before anything else: a second run on the same reports refuses at once
        try (ReportLock lock = dryRun ? null : ReportLock.acquire(reportDir)) {
            return checkAndRun();
        }
    }

    private int checkAndRun() throws IOException {
        RunSettings runSettings = RunSettings.fromSystem();
        // Member JVMs for the usual first ensemble start first of all: each needs about half a
        // second of CPU, and started after the target's choice and the check they were still
        // starting when the first scenario wanted them (its members read their config 0.6 s after
        // the deploy asked). An auto target that finds Docker, and bad input, stop them again.
        boolean standbys = !dryRun && (target.equals("local") || target.equals("auto"));
        if (standbys) {
            ZooKeeperStandbys.start(runSettings, USUAL_ENSEMBLE_SIZE);
        }
        // the results are written after the verdicts: their JSON should not wait then
        JsonWarmUp.inBackground(ScenarioRecord.class, RunResults.class, HistoryEntry.class);
        List<String> features;
        String chosen;
        try {
            features = features(runSettings.home());
            chosen = TargetChoice.choose(runSettings, target, kubeconfig, context, System.out);
        } catch (RuntimeException e) {
            ZooKeeperStandbys.stop(runSettings);
            throw e;
        }
        if (chosen.equals("kubeconfig")) {
            context = TargetChoice.approvedContext(runSettings.workDir(), context);
        }
        if (standbys && !chosen.equals("local")) {
            ZooKeeperStandbys.stop(runSettings);
            standbys = false;
        }
        String tagExpression = tags != null ? tags : paths.isEmpty() ? DEFAULT_TAGS : null;

        Path catalogDir = CatalogLocation.resolve(faultsDir);
        Path manifests = HomeFiles.existing(manifestsDir, Path.of("harness", "kubernetes"), "--manifests");
        // read beside the features' check, on the other core; its mistakes still come first
        CompletableFuture<FaultCatalog> catalog = CompletableFuture.supplyAsync(() -> FaultCatalog.load(catalogDir));
        List<String> problems;
        try {
            problems = check(features, tagExpression, catalog);
        } catch (RuntimeException e) {
            ZooKeeperStandbys.stop(runSettings);
            throw e;
        }
        if (!problems.isEmpty()) {
            ZooKeeperStandbys.stop(runSettings);
            System.err.println("chaos: the features cannot run; no ensemble was started and nothing injected:");
            problems.forEach(p -> System.err.println("  " + p));
            return ChaosCli.BAD_INPUT;
        }

        if (dryRun) {
            return plan(features, tagExpression, chosen, catalogDir);
        }
        long runSeed = seed != null ? seed : Math.abs(new java.security.SecureRandom().nextLong() % 1_000_000);
        System.out.println("chaos: seed " + runSeed + " (rerun with --seed " + runSeed
                + " to make the same random choices)");
        Path staging = ReportDirectory.staging(reportDir);
        RunLog log = cli.log();
        Map<String, String> settings = new java.util.HashMap<>(Map.of("chaos.target", chosen,
                "chaos.restartDelayMs", Long.toString(restartDelayMs),
                "chaos.reportDir", staging.toString(),
                "chaos.seed", Long.toString(runSeed),
                "chaos.faultsDir", catalogDir.toString(),
                "chaos.kubeconfig", kubeconfig == null ? "" : kubeconfig.toString(),
                "chaos.context", context == null ? "" : context,
                "chaos.allowSharedNodes", Boolean.toString(allowSharedNodes),
                "chaos.runLog", log.file().toString(),
                "chaos.manifests", manifests.toString()));
        settings.put("chaos.allowNodeLoss", Boolean.toString(allowNodeLoss));
        settings.put("chaos.nodeLossCommand", nodeLossCommand == null ? "" : nodeLossCommand);
        Map<String, String> previous = new java.util.HashMap<>();
        settings.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        List<String> argv = cucumberArgs(features, tagExpression);
        argv.addAll(List.of(
                // Cucumber's summary prints a stack trace per failed scenario; the run's own summary says it in a line
                "--no-summary",
                "--plugin", "dev.quorumchaos.report.ProgressPlugin:" + log.file(),
                "--plugin", "dev.quorumchaos.report.ResultsPlugin:" + staging.resolve("results.json")));
        if (standbys) {
            // more if the first scenario's ensemble is larger; they start while Cucumber does
            ZooKeeperStandbys.start(runSettings, firstEnsembleSize);
        }
        // cucumber.html, cucumber.json and junit.xml: written once the run has finished, beside index.html
        CucumberReports cucumberReports = CucumberReports.inBackground(staging);
        byte cucumberStatus = 0;
        boolean incomplete = false;
        // once the verdicts are in, the members stop while the reports are written
        RunTargets.closeInBackground();
        try {
            cucumberStatus = CucumberRun.run(argv, checkedFeatures, cucumberReports);
        } catch (RuntimeException | Error e) {
            // Cucumber rethrows, once the run is over, what failed outside a scenario (a plugin, a hook)
            incomplete = true;
            System.err.println("chaos: " + log.internalError("the run", e));
        } finally {
            // the settings are for this run only: a caller in the same JVM (a test) keeps its own
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        try {
            return finish(staging, log, cucumberReports, cucumberStatus, incomplete);
        } finally {
            RunTargets.awaitClosed();
            log.tidyUp("stopping the standby member JVMs no scenario took", () -> ZooKeeperStandbys.stop(runSettings));
        }
    }

    /**
     * Writes what is left of the reports and swaps them in. The verdicts are in by now: a report
     * that cannot be written or moved is a warning, and the exit code still follows the verdicts.
     */
    private int finish(Path staging, RunLog log, CucumberReports cucumberReports, byte cucumberStatus,
            boolean incomplete) throws IOException {
        // the resilience report and the trend line go in before the swap: reports/latest appears whole
        log.tidyUp("writing the HTML report and the trend", () -> {
            if (Files.exists(staging.resolve("results.json"))) {
                ResilienceReport.write(staging, reportDir.toAbsolutePath().resolveSibling("history.jsonl"));
            }
        });
        if (Files.exists(log.file())) {
            log.tidyUp("copying the run's log into the reports",
                    () -> copy(log.file(), staging.resolve("harness.log")));
        }
        log.tidyUp("writing cucumber.html, cucumber.json and junit.xml", cucumberReports::awaitWritten);
        Path published = staging;
        try {
            published = ReportDirectory.publish(staging, reportDir);
        } catch (RuntimeException e) {
            log.warn("the reports stay in " + staging + ", not " + reportDir, e);
        }
        return exitCode(published.resolve("results.json"), cucumberStatus, incomplete);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ChaosException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private List<String> features(Path home) {
        if (paths.isEmpty()) {
            Path local = Path.of("features");
            Path dir = Files.isDirectory(local) ? local : home.resolve("features");
            if (!Files.isDirectory(dir)) {
                throw ChaosException.badInput("no path given and no features/ directory here or in " + home);
            }
            return List.of(dir.toString());
        }
        for (String p : paths) {
            Path file = Path.of(p.replaceFirst(":[0-9:]+$", ""));
            if (!Files.exists(file)) {
                throw ChaosException.badInput(p + ": no such feature file or directory");
            }
            if (Files.isRegularFile(file) && !file.toString().endsWith(".feature")) {
                throw ChaosException.badInput(p + ": not a .feature file");
            }
        }
        return paths;
    }

    private static List<String> cucumberArgs(List<String> features, String tagExpression) {
        List<String> argv = new ArrayList<>(List.of("--glue", GLUE, "--monochrome"));
        if (tagExpression != null) {
            argv.addAll(List.of("--tags", tagExpression));
        }
        argv.addAll(features);
        return argv;
    }

    /** --dry-run: prints each scenario's plan from Cucumber's own dry run; nothing executes. */
    private static int plan(List<String> features, String tagExpression, String target, Path catalogDir) {
        List<String> argv = cucumberArgs(features, tagExpression);
        argv.addAll(0, List.of("--dry-run", "--plugin", "dev.quorumchaos.cli.PlanPrinter"));
        String previousTarget = System.setProperty("chaos.target", target);
        String previousFaults = System.setProperty("chaos.faultsDir", catalogDir.toString());
        try {
            Main.run(argv.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
        } finally {
            restore("chaos.target", previousTarget);
            restore("chaos.faultsDir", previousFaults);
        }
        System.out.println("chaos: dry run: nothing was started, injected or written");
        return ChaosCli.PASSED;
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** Parses every feature and matches every step of the scenarios to run to the glue, executing nothing. */
    private List<String> check(List<String> features, String tagExpression, CompletableFuture<FaultCatalog> loading) {
        List<String> argv = cucumberArgs(features, tagExpression);
        argv.add(0, "--dry-run");
        List<String> problems = new ArrayList<>();
        FeatureCheckRun run = FeatureCheckRun.run(argv);
        FaultCatalog catalog;
        try {
            catalog = loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        firstEnsembleSize = run.firstEnsembleSize();
        checkedFeatures = run.features();
        problems.addAll(run.problems());
        for (String[] reference : run.faultReferences()) {
            if (catalog.find(reference[1]).isEmpty()) {
                problems.add(reference[0] + ": no fault named '" + reference[1] + "' in the catalog; 'chaos faults'"
                        + " lists them: " + String.join(", ", catalog.all().stream().map(f -> f.name()).toList()));
            }
        }
        if (problems.isEmpty() && run.scenarios() == 0) {
            problems.add("no scenario to run in " + String.join(", ", features)
                    + (tagExpression == null ? "" : " matching tags '" + tagExpression + "'")
                    + ". A scenario starts with 'Scenario:' (with the colon); a line without a keyword is read"
                    + " as free text.");
        }
        return problems;
    }

    /**
     * 2 for bad input, 1 if a scenario failed on its own account, 3 if the only failures were the
     * harness's (an internal error in a step, a run Cucumber could not finish), else 0.
     */
    static int exitCode(Path results, byte cucumberStatus, boolean incomplete) throws IOException {
        if (!Files.exists(results)) {
            if (incomplete) {
                System.err.println("chaos: the run did not finish: no results.json, so no verdict to gate on");
                return ChaosCli.INTERNAL_ERROR;
            }
            return cucumberStatus == 0 ? ChaosCli.PASSED : ChaosCli.FAILED;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.MAPPER.readValue(results.toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) json.get("run");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> scenarios = (List<Map<String, Object>>) json.getOrDefault("scenarios", List.of());
        List<?> inputErrors = (List<?>) run.get("inputErrors");
        int failed = ((Number) run.get("failed")).intValue();
        System.out.printf("%nchaos: %s passed, %s failed, %s skipped; report: %s%n",
                run.get("passed"), failed, run.get("skipped"), results.getParent().resolve("index.html"));
        long ownFailures = 0;
        for (Map<String, Object> scenario : scenarios) {
            if ("failed".equals(scenario.get("status"))) {
                boolean internal = Boolean.TRUE.equals(scenario.get("internalError"));
                ownFailures += internal ? 0 : 1;
                System.out.println("  failed: " + scenario.get("name") + " (" + fileName(scenario.get("uri")) + ":"
                        + scenario.get("line") + ")" + (scenario.get("failedStep") == null ? ""
                        : " at " + scenario.get("failedStep") + (internal ? ": internal error" : "")));
            }
        }
        if (inputErrors != null && !inputErrors.isEmpty()) {
            System.err.println("chaos: bad input:");
            inputErrors.forEach(e -> System.err.println("  " + e));
            return ChaosCli.BAD_INPUT;
        }
        if (ownFailures > 0) {
            return ChaosCli.FAILED;
        }
        if (failed > 0 || incomplete) {
            return ChaosCli.INTERNAL_ERROR;
        }
        return cucumberStatus != 0 ? ChaosCli.FAILED : ChaosCli.PASSED;
    }

    private static String fileName(Object uri) {
        String text = String.valueOf(uri);
        return text.substring(text.lastIndexOf('/') + 1);
    }
}
