package dev.quorumchaos.cli;

import io.cucumber.core.gherkin.Feature;
import io.cucumber.core.options.CommandlineOptionsParser;
import io.cucumber.core.options.CucumberProperties;
import io.cucumber.core.options.CucumberPropertiesParser;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.options.RuntimeOptionsBuilder;
import io.cucumber.core.runtime.Runtime;
import io.cucumber.plugin.Plugin;

import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Cucumber's {@code io.cucumber.core.cli.Main.run}, step for step, with plugins the caller hands
 * over as objects and so keeps hold of (to wait for what they write after the run).
 */
final class CucumberRun {

    private CucumberRun() {
    }

    /**
     * @param features the features as the pre-run check parsed them from the same paths: Cucumber
     *                 runs these rather than reading and parsing every file again
     */
    static byte run(List<String> args, List<Feature> features, Plugin... plugins) {
        CommandlineOptionsParser parser = new CommandlineOptionsParser(System.out);
        RuntimeOptions options = commandLine(parser, args).addDefaultSummaryPrinterIfNotDisabled()
                .enablePublishPlugin().build(fromPropertiesEnvironmentAndSystem());
        Optional<Byte> exit = parser.exitStatus();
        if (exit.isPresent()) {
            return exit.get();
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Runtime runtime = Runtime.builder().withRuntimeOptions(options).withClassLoader(() -> loader)
                .withFeatureSupplier(() -> features).withAdditionalPlugins(plugins).build();
        runtime.run();
        return runtime.exitStatus();
    }

    /** The options of a run with these arguments, for a look at its features without running them. */
    static RuntimeOptions options(List<String> args, OutputStream out) {
        return commandLine(new CommandlineOptionsParser(out), args).build(fromPropertiesEnvironmentAndSystem());
    }

    private static RuntimeOptionsBuilder commandLine(CommandlineOptionsParser parser, List<String> args) {
        return parser.parse(args.toArray(String[]::new)).addDefaultGlueIfAbsent().addDefaultFeaturePathIfAbsent();
    }

    /** cucumber.properties, then CUCUMBER_* variables, then cucumber.* system properties, as Main.run. */
    private static RuntimeOptions fromPropertiesEnvironmentAndSystem() {
        RuntimeOptions fromFile = new CucumberPropertiesParser().parse(CucumberProperties.fromPropertiesFile()).build();
        RuntimeOptions fromEnvironment = new CucumberPropertiesParser().parse(CucumberProperties.fromEnvironment())
                .build(fromFile);
        return new CucumberPropertiesParser().parse(CucumberProperties.fromSystemProperties()).build(fromEnvironment);
    }
}
