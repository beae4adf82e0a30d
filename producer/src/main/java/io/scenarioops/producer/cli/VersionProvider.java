package io.scenarioops.producer.cli;

import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.ToySolver;
import picocli.CommandLine.IVersionProvider;

/** Reports the versions that go into every manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String build = ScenarioOpsCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "scenarioops " + (build == null ? "development build" : build),
            "generator " + BaselineGenerator.COMPONENT.name() + " " + BaselineGenerator.COMPONENT.version(),
            "solver " + ToySolver.COMPONENT.name() + " " + ToySolver.COMPONENT.version()
        };
    }
}
