import com.sun.management.OperatingSystemMXBean;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.embedded.EmbeddedObjectStore;
import io.scenarioops.storage.ObjectStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's CPU per object-store operation (client and embedded S3 server in one JVM), one
 * at a time: a PUT of 2 KB, a GET and a HEAD of a key with no object, a GET of a 2 KB object. It
 * is what the publisher's check of a scenario's manifest costs before its first write. Run with
 * the launcher's class path:
 * {@code java -cp "local-pipeline/target/scenarioops-local-pipeline-0.1.0-SNAPSHOT.jar:local-pipeline/target/lib/*"
 * bench/probes/MissingObjectCost.java}.
 */
public final class MissingObjectCost {
    private static final int OPERATIONS = 1_000;
    private static final int ROUNDS = 4;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("scenarioops-missing-object-cost");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (EmbeddedObjectStore server = EmbeddedObjectStore.start(dir, EmbeddedObjectStore.ANY_FREE_PORT,
                "probe", "probe-secret");
             ObjectStore store = new ObjectStore(new ObjectStoreSettings(server.endpoint(), "probe", "probe-secret",
                     "missing-object-cost"))) {
            store.ensureBucket();
            byte[] body = new byte[2_000];
            for (int round = 1; round <= ROUNDS; round++) {
                for (String operation : new String[] {"put 2 KB", "get missing", "head missing", "get 2 KB"}) {
                    long cpu = os.getProcessCpuTime();
                    for (int i = 0; i < OPERATIONS; i++) {
                        String key = "present/" + round + "/" + i;
                        switch (operation) {
                            case "put 2 KB" -> store.put(key, body, ObjectStore.JSON);
                            case "get missing" -> store.get("missing/" + key);
                            case "head missing" -> store.size("missing/" + key);
                            default -> store.get(key);
                        }
                    }
                    System.out.printf("round %d  %-12s  %.2f ms of CPU per operation%n", round, operation,
                            (os.getProcessCpuTime() - cpu) / 1e6 / OPERATIONS);
                }
            }
        }
    }
}
