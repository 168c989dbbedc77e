package dev.quorumchaos.cli;

import java.nio.file.Path;

/** Where the fault catalog is: the option, else ./faults, else the harness's own faults/. */
final class CatalogLocation {

    private CatalogLocation() {
    }

    static Path resolve(Path option) {
        return HomeFiles.resolve(option, Path.of("faults"));
    }
}
