package dev.quorumchaos.report;

/**
 * Builds {@link Json}'s mapper, its basic serializers and the readers and writers of some types on
 * a background thread: Jackson's first use of a type costs tens of milliseconds of CPU, which a
 * run would otherwise pay after its verdicts, on the way to its exit. A class of its own, because
 * calling a method of {@code Json} would build the mapper (its static initialiser, about 100 ms)
 * on the caller's thread, the very cost this moves off it.
 */
public final class JsonWarmUp {

    private JsonWarmUp() {
    }

    /** Called at a run's start, while a core is idle. */
    public static void inBackground(Class<?>... types) {
        Thread warmUp = new Thread(() -> {
            Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(java.util.Map.of("run",
                    java.util.List.of(1, 2.5, "text", true))), java.util.Map.class);
            for (Class<?> type : types) {
                Json.MAPPER.readerFor(type); // fetches the type's deserializer as it is made
                Json.MAPPER.writerFor(type);
            }
        }, "json-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
