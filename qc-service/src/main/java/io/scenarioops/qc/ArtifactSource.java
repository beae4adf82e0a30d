package io.scenarioops.qc;

import java.util.Optional;

/** Where QC reads a scenario's objects from: the object store in the service, a map in unit tests. */
@FunctionalInterface
public interface ArtifactSource {
    Optional<byte[]> get(String key);
}
