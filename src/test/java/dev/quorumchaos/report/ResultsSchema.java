package dev.quorumchaos.report;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published contract of {@code results.json}, {@code docs/results.schema.json} (JSON Schema
 * 2020-12), as tests hold every results.json the harness writes to it.
 */
public final class ResultsSchema {

    public static final Path FILE = Path.of("docs", "results.schema.json");

    private static final Schema SCHEMA = load();

    private ResultsSchema() {
    }

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(FILE), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** What in {@code json} breaks the contract, one line each with where it is; empty when it keeps it. */
    public static List<String> problems(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    public static void assertValid(Path results) {
        String json;
        try {
            json = Files.readString(results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(problems(json)).as("%s against %s", results, FILE).isEmpty();
    }
}
