package io.scenarioops.producer.cli;

import io.scenarioops.model.BaselineFile;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.producer.ChosenInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which instance a command works on: a seed (at a size), or a baseline file. Shared by {@code run}, {@code demo} and {@code solve}. */
public final class InstanceOptions {
    @Option(names = "--seed", defaultValue = "" + BaselineGenerator.DEFAULT_SEED,
            description = "Baseline seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--orders", paramLabel = "N",
            description = "Orders of the seed's generated instance (default 20), at most " + InstanceSize.MAX_ORDERS + ".")
    Integer orders;

    @Option(names = "--periods", paramLabel = "P",
            description = "Periods of the seed's generated instance (default 8), at most " + InstanceSize.MAX_PERIODS + ".")
    Integer periods;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "A baseline file (format_version 1) instead of a generated instance; see docs/solvers.md.")
    Path baselineFile;

    /** Reads and validates the instance; every problem is an {@link InvalidInputException} naming its place. */
    public ChosenInstance choose() {
        if (baselineFile == null) {
            InstanceSize seedSize = InstanceSize.SEED;
            return ChosenInstance.generated(seed, new InstanceSize(orders == null ? seedSize.orders() : orders,
                    periods == null ? seedSize.periods() : periods));
        }
        if (orders != null || periods != null) {
            throw new InvalidInputException("--baseline", "a baseline file has its own orders and periods:"
                    + " it cannot be combined with --orders or --periods");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(baselineFile);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(baselineFile.toString(), "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(baselineFile.toString(), "cannot be read: " + e.getMessage());
        }
        return new ChosenInstance(seed, null, BaselineFile.parse(content), content);
    }
}
