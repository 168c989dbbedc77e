package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.RunSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Which machine started a run, written into every run id and onto the run's namespace, so that
 * {@code chaos clean} on a laptop leaves a CI runner's live run alone. Random, made once and
 * kept in {@code .chaos/machine-id}: host names repeat across CI runners and containers, and a
 * container image's {@code /etc/machine-id} is shared by every container made from it.
 */
public record MachineId(String value) {

    static final String FILE = "machine-id";
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{8}");

    public MachineId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a machine id is 8 lowercase hex digits, not '" + value + "'");
        }
    }

    /** This machine's id, from the run's work directory ({@code chaos.workDir}, default {@code .chaos}). */
    public static MachineId current(RunSettings settings) {
        return in(settings.workDir());
    }

    /**
     * Reads {@code dir/machine-id}, or makes it. Two harnesses starting at once agree: the file
     * appears whole through a hard link, which fails when another process linked first.
     */
    public static MachineId in(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                byte[] random = new byte[4];
                new SecureRandom().nextBytes(random);
                Path draft = Files.createTempFile(dir, FILE, ".new");
                try {
                    Files.writeString(draft, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
                    Files.createLink(file, draft);
                } catch (FileAlreadyExistsException e) {
                    // another harness made it first: use theirs
                } finally {
                    Files.delete(draft);
                }
            }
            return new MachineId(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException | IllegalArgumentException e) {
            throw ChaosException.badInput("cannot read or make this machine's id in " + file.toAbsolutePath() + ": "
                    + e.getMessage() + " (delete the file to get a new one)", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
