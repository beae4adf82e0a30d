package io.scenarioops.qc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where QC reads a scenario's objects from: the object store in the service, a map in unit tests. */
@FunctionalInterface
public interface ArtifactSource {
    Optional<byte[]> get(String key);

    /** Each key's object, in the keys' order; the service's source reads them concurrently. */
    default Map<String, Optional<byte[]>> getAll(List<String> keys) {
        Map<String, Optional<byte[]>> objects = new LinkedHashMap<>();
        keys.forEach(key -> objects.put(key, get(key)));
        return objects;
    }
}
