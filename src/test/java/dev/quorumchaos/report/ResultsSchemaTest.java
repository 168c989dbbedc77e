package dev.quorumchaos.report;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of results.json: the schema is itself valid 2020-12, accepts what the harness
 * writes (the real runs are checked where the tests that make them read them back), and says
 * FAIL, naming the field, when a required field is missing or the version is not the one written.
 */
class ResultsSchemaTest {

    private static String sample() throws Exception {
        return Files.readString(Path.of(ResultsSchemaTest.class.getResource("/dev/quorumchaos/report/mixed-results.json").toURI()));
    }

    @Test
    void theSampleRunKeepsTheContract() throws Exception {
        assertThat(ResultsSchema.problems(sample())).isEmpty();
    }

    @Test
    void theVersionWrittenIsTheSchemasVersion() throws Exception {
        String schema = Files.readString(ResultsSchema.FILE);
        assertThat(Json.MAPPER.readTree(schema).at("/properties/schemaVersion/const").asInt())
                .isEqualTo(ResultsPlugin.SCHEMA_VERSION);
    }

    @Test
    void aMissingRequiredFieldFailsNamingIt() throws Exception {
        ObjectNode results = (ObjectNode) Json.MAPPER.readTree(sample());
        ((ObjectNode) results.get("run")).remove("seed");
        ((ObjectNode) results.get("scenarios").get(0)).remove("status");

        assertThat(ResultsSchema.problems(Json.MAPPER.writeValueAsString(results)))
                .anySatisfy(p -> assertThat(p).contains("/run").contains("seed"))
                .anySatisfy(p -> assertThat(p).contains("/scenarios/0").contains("status"));
    }

    @Test
    void anotherVersionOrAVerdictOutsideTheContractFails() throws Exception {
        ObjectNode results = (ObjectNode) Json.MAPPER.readTree(sample());
        results.put("schemaVersion", 2);
        ((ObjectNode) results.get("scenarios").get(0).get("checks").get(0)).put("verdict", "maybe");

        assertThat(ResultsSchema.problems(Json.MAPPER.writeValueAsString(results)))
                .anySatisfy(p -> assertThat(p).contains("/schemaVersion"))
                .anySatisfy(p -> assertThat(p).contains("/scenarios/0/checks/0/verdict"));
    }

    @Test
    void withoutTheVersionTheFileIsNotUnderTheContract() throws Exception {
        ObjectNode results = (ObjectNode) Json.MAPPER.readTree(sample());
        results.remove("schemaVersion");

        assertThat(ResultsSchema.problems(Json.MAPPER.writeValueAsString(results)))
                .anySatisfy(p -> assertThat(p).contains("schemaVersion"));
    }
}
