package dev.quorumchaos.report;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper the reports share: Jackson, which fabric8 already brings. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /**
     * Builds the mapper, its basic serializers and the readers and writers of {@code types} on a
     * background thread: Jackson's first use of a type costs tens of milliseconds of CPU, which a
     * run would otherwise pay after its verdicts, on the way to its exit. Called at a run's
     * start, while a core is idle.
     */
    public static void warmUpInBackground(Class<?>... types) {
        Thread warmUp = new Thread(() -> {
            MAPPER.readValue(MAPPER.writeValueAsBytes(java.util.Map.of("run", java.util.List.of(1, 2.5, "text", true))),
                    java.util.Map.class);
            for (Class<?> type : types) {
                MAPPER.readerFor(type); // fetches the type's deserializer as it is made
                MAPPER.writerFor(type);
            }
        }, "json-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
