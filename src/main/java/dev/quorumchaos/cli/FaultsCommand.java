package dev.quorumchaos.cli;

import dev.quorumchaos.fault.catalog.FaultCatalog;
import dev.quorumchaos.fault.catalog.FaultDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Lists (and so validates) the fault catalog. */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "List the fault catalog, one line per named fault; exit 2 if a fault file is invalid.")
final class FaultsCommand implements Callable<Integer> {

    @Option(names = "--faults", paramLabel = "DIR", description = "The catalog directory (default: faults/).")
    Path faultsDir;

    @Override
    public Integer call() {
        Path dir = CatalogLocation.resolve(faultsDir);
        FaultCatalog catalog = FaultCatalog.load(dir);
        System.out.println(catalog.all().size() + " faults in " + dir + "; inject one with"
                + " 'When the fault \"NAME\" is injected':\n");
        for (FaultDefinition f : catalog.all()) {
            System.out.printf("  %-30s %s%n  %-30s   %s%n", f.name(), f.description(), "", f.plan().describe());
        }
        return ChaosCli.PASSED;
    }
}
