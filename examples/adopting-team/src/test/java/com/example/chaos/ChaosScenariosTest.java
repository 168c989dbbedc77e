package com.example.chaos;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

/**
 * Our chaos scenarios, in src/test/resources/features, run with quorum-chaos's steps. The report
 * plugins are set in junit-platform.properties; a failed scenario fails this suite, so the build.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.quorumchaos.glue")
public class ChaosScenariosTest {
}
