package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A jar holding {@link StandbyMain} alone, for the member classpath. Not the harness's classes
 * directory: a class-data-sharing archive cannot be used with a non-empty directory on the
 * classpath, and members need nothing else of the harness. Named by its content, so a changed
 * class makes a new jar (and, through the classpath, a new archive).
 */
final class StandbyJar {

    private StandbyJar() {
    }

    static Path in(Path dir) {
        String entry = StandbyMain.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = StandbyMain.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new ChaosException("cannot find " + entry + " on the harness classpath");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ChaosException("cannot read " + entry + ": " + e.getMessage(), e);
        }
        Path jar = dir.resolve("standby-" + hash(bytes) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".standby", ".jar");
            try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream jarOut = new JarOutputStream(out)) {
                JarEntry je = new JarEntry(entry);
                je.setTime(0); // the same bytes every time
                jarOut.putNextEntry(je);
                jarOut.write(bytes);
                jarOut.closeEntry();
            }
            Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return jar;
        } catch (IOException e) {
            throw new ChaosException("cannot write the member start-up jar in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
