package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one etcd release the local target has: the installed executable's. Members can only be
 * restarted at it; a scenario asking for another is bad input that names what is installed.
 */
final class InstalledEtcd {

    private static final Pattern VERSION_LINE = Pattern.compile("etcd Version: (\\S+)");
    private static final Pattern SERVER_VERSION = Pattern.compile("\"etcdserver\"\\s*:\\s*\"([^\"]+)\"");

    private InstalledEtcd() {
    }

    /** What {@code etcd --version} says: "3.4.23". */
    static String version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Matcher m = VERSION_LINE.matcher(out);
            if (!m.find()) {
                throw new ChaosException("cannot read the version of " + binary + ": it printed " + out.trim());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new ChaosException("cannot run " + binary + " --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while asking " + binary + " its version", e);
        }
    }

    /** Bad input unless {@code wanted} is the installed release. */
    static void require(String wanted, String installed, Path binary) {
        if (wanted != null && !wanted.equals(installed)) {
            throw ChaosException.badInput("etcd " + wanted + " is not a release the local target can run: the only"
                    + " etcd here is " + installed + " (" + binary + "). A scenario on the local target can restart"
                    + " members at " + installed + " but not upgrade them");
        }
    }

    /** What a member's {@code /version} says it runs ({@code {"etcdserver":"3.4.23",...}}); empty when it does not answer. */
    static Optional<String> running(HttpClient http, URI clientUrl) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(clientUrl.resolve("/version"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = SERVER_VERSION.matcher(answer.body());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
