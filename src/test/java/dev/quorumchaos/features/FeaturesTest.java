package dev.quorumchaos.features;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

import static io.cucumber.junit.platform.engine.Constants.FILTER_TAGS_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

/**
 * The project's own features through Cucumber's JUnit Platform engine, as Maven and IDEs run
 * them: real member processes on the local target. The scenarios that must fail are run by
 * {@code ExpectedFailuresTest} instead, which checks that they do.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.quorumchaos.glue")
@ConfigurationParameter(key = FILTER_TAGS_PROPERTY_NAME, value = "not @expected-to-fail")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "dev.quorumchaos.report.ProgressPlugin,"
        + " dev.quorumchaos.report.ValidatedResults:target/chaos-reports/results.json,"
        + " junit:target/chaos-reports/junit.xml")
public class FeaturesTest {
}
