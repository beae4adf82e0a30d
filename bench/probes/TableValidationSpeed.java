import io.scenarioops.events.schema.JsonSchemas;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.json.SeedJson;
import java.nio.charset.StandardCharsets;

/**
 * What QC's schema check of one table artifact costs: the seed baseline's fact_production.json
 * validated as text, as QC does, 300 times a round. Run with the launcher's jars:
 * {@code java -cp "local-pipeline/target/lib/*" bench/probes/TableValidationSpeed.java}, and with
 * {@code -XX:TieredStopAtLevel=1} for C1 only, as ./scenarioops demo runs.
 */
public final class TableValidationSpeed {
    private static final int VALIDATIONS_PER_ROUND = 300;
    private static final int ROUNDS = 6;

    public static void main(String[] args) {
        String text = new String(SeedJson.write(ScenarioModel.run(7, Knobs.NEUTRAL).result().factProduction()),
                StandardCharsets.UTF_8);
        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < VALIDATIONS_PER_ROUND; i++) {
                if (!JsonSchemas.validate(JsonSchemas.FACT_PRODUCTION, text).isEmpty()) {
                    throw new IllegalStateException("the seed's fact_production.json should be valid");
                }
            }
            System.out.printf("round %d: %.3f ms per fact_production.json (%d characters)%n", round,
                    (System.nanoTime() - start) / 1e6 / VALIDATIONS_PER_ROUND, text.length());
        }
    }
}
