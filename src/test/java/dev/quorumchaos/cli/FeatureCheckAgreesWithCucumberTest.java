package dev.quorumchaos.cli;

import io.cucumber.core.cli.Main;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestStepFinished;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-run check uses Cucumber's parser, filters and expressions but not its runner: it must
 * select the scenarios and find the steps a Cucumber dry run finds, on the project's features and
 * on the Gherkin that is easiest to get wrong (outlines, rules, backgrounds, line filters on
 * rules and example rows, tags on examples, another language).
 */
class FeatureCheckAgreesWithCucumberTest {

    @TempDir
    Path dir;

    /** A dry run's findings, written as lines to the file the plugin is given. */
    public static final class DryRunFindings implements ConcurrentEventListener {

        private final Path out;
        private final List<String> lines = new ArrayList<>();
        private int scenarios;

        public DryRunFindings(String out) {
            this.out = Path.of(out);
        }

        @Override
        public void setEventPublisher(EventPublisher publisher) {
            publisher.registerHandlerFor(TestCaseStarted.class, e -> scenarios++);
            publisher.registerHandlerFor(TestStepFinished.class, e -> {
                if (e.getTestStep() instanceof PickleStepTestStep step) {
                    String where = FeatureCheck.where(e.getTestCase().getUri(), step.getStep().getLine());
                    Status status = e.getResult().getStatus();
                    if (status == Status.UNDEFINED || status == Status.AMBIGUOUS) {
                        lines.add(where + " " + status);
                    } else if (step.getStep().getArgument() != null) {
                        lines.add(where + " ARGUMENT");
                    }
                }
            });
            publisher.registerHandlerFor(TestRunFinished.class, e -> {
                lines.add(0, "scenarios " + scenarios);
                try {
                    Files.write(out, lines);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        }
    }

    private List<String> cucumberFinds(List<String> args) throws IOException {
        Path out = dir.resolve("findings-" + System.nanoTime());
        List<String> argv = new ArrayList<>(List.of("--dry-run", "--no-summary", "--plugin",
                DryRunFindings.class.getName() + ":" + out));
        argv.addAll(args);
        Main.run(argv.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
        return Files.readAllLines(out);
    }

    private static List<String> checkFinds(List<String> args) {
        FeatureCheckRun run = FeatureCheckRun.run(args);
        TreeSet<String> found = new TreeSet<>();
        for (String p : run.problems()) {
            if (p.contains("not a number the step can take")) {
                continue; // a dry run converts no argument: it cannot see these
            }
            String where = p.substring(0, p.indexOf(": "));
            found.add(where + (p.contains("unknown step") ? " UNDEFINED" : p.contains("more than one") ? " AMBIGUOUS"
                    : p.contains("no table or doc string") ? " ARGUMENT" : " " + p));
        }
        List<String> lines = new ArrayList<>(List.of("scenarios " + run.scenarios()));
        lines.addAll(found);
        return lines;
    }

    private List<String> assertAgree(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("--glue", RunCommand.GLUE, "--monochrome"));
        argv.addAll(List.of(args));
        List<String> cucumber = cucumberFinds(argv);
        List<String> sorted = new ArrayList<>(cucumber.subList(0, 1));
        sorted.addAll(new TreeSet<>(cucumber.subList(1, cucumber.size())));
        assertThat(checkFinds(argv)).as("the check on %s", List.of(args)).isEqualTo(sorted);
        return sorted;
    }

    @Test
    void theProjectsFeaturesWithAndWithoutTagsAndLines() throws IOException {
        assertAgree("--tags", RunCommand.DEFAULT_TAGS, "features");
        assertAgree("--tags", "@expected-to-fail", "features");
        assertAgree("--tags", "@local and not @slow", "features");
        assertAgree("features/zookeeper/kill.feature:15");
        assertAgree("features/zookeeper/kill.feature:1");
        assertAgree("features/zookeeper/kill.feature:6:23", "features/zookeeper/pause.feature");
    }

    @Test
    void outlinesRulesBackgroundsAndLineFiltersOnThem() throws IOException {
        Path f = Files.writeString(dir.resolve("shapes.feature"), """
                Feature: shapes
                  Background:
                    Given a 3-member ZooKeeper ensemble

                  Rule: kills
                    @tagged
                    Scenario Outline: kill <who>
                      When member <who> is killed
                      Then the ensemble has quorum within <secs> seconds

                      Examples: some
                        | who | secs |
                        | 0   | 30   |
                        | 1   | 3x   |

                      @other
                      Examples: more
                        | who | secs |
                        | 2   | 30   |

                  Rule: misc
                    Scenario: a table and an unknown step
                      When the leader is killed
                        | a | b |
                      And the moon is killed
                      And 99999999999 seconds pass
                """);
        assertThat(assertAgree(f.toString())).contains("scenarios 4")
                .anyMatch(l -> l.endsWith(":9 UNDEFINED")) // the row with 3x: no {int}
                .anyMatch(l -> l.endsWith(":23 ARGUMENT")).anyMatch(l -> l.endsWith(":25 UNDEFINED"));
        assertAgree(f + ":5");
        assertAgree(f + ":13");
        assertAgree(f + ":20");
        assertAgree(f + ":24");
        assertAgree("--tags", "@other", f.toString());
        assertAgree("--tags", "@tagged and not @other", f.toString());
    }

    @Test
    void anotherLanguage() throws IOException {
        Path f = Files.writeString(dir.resolve("fr.feature"), """
                # language: fr
                Fonctionnalité: f
                  Scénario: s
                    Soit a 3-member ZooKeeper ensemble
                    Quand the leader is killed
                    Alors la lune est tuée
                """);
        assertThat(assertAgree(f.toString())).containsExactly("scenarios 1", "fr.feature:6 UNDEFINED".replace("fr",
                dir.resolve("fr").toString()));
    }

    @Test
    void aNumberTooLargeForItsStepIsFoundToo() throws IOException {
        Path f = Files.writeString(dir.resolve("big.feature"), """
                Feature: f
                  Scenario: s
                    Given a 3-member ZooKeeper ensemble
                    When 99999999999 seconds pass
                """);
        assertThat(FeatureCheckRun.run(List.of("--glue", RunCommand.GLUE, f.toString())).problems())
                .singleElement().asString().contains("big.feature:4").contains("99999999999")
                .contains("not a number the step can take");
    }
}
