package io.scenarioops.model;

import java.util.Objects;

/** Name and version of a generator or solver, recorded in events and manifests for lineage. */
public record Component(String name, String version) {

    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
