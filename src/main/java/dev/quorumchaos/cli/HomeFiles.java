package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.RunSettings;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run's inputs are when no option names them: the current directory's own, else the
 * harness's ({@code chaos.home}: the checkout, or the unpacked distribution's install dir).
 */
final class HomeFiles {

    private HomeFiles() {
    }

    /** The directory {@code option} names, else {@code relative} here if it exists, else in the harness's home. */
    static Path resolve(Path option, Path relative) {
        if (option != null) {
            return option;
        }
        return Files.isDirectory(relative) ? relative : home().resolve(relative);
    }

    /** As {@link #resolve}, but a directory the option names must exist (exit 2 naming it otherwise). */
    static Path existing(Path option, Path relative, String optionName) {
        if (option != null && !Files.isDirectory(option)) {
            throw ChaosException.badInput(optionName + " " + option + ": no such directory");
        }
        return resolve(option, relative);
    }

    static Path home() {
        return RunSettings.fromSystem().home();
    }
}
