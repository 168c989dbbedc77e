package dev.quorumchaos.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the fault catalog is: the option, else ./faults, else the harness's own faults/. */
final class CatalogLocation {

    private CatalogLocation() {
    }

    static Path resolve(Path option) {
        if (option != null) {
            return option;
        }
        Path local = Path.of("faults");
        return Files.isDirectory(local) ? local : Path.of(System.getProperty("chaos.home", ".")).resolve("faults");
    }
}
