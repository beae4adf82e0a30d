package io.scenarioops.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pool sizes are read once per JVM, so each case runs in a JVM of its own, with the core count
 * it pretends to have.
 */
class ProcessDefaultsTest {

    @Test
    void onTwoCoresAsyncTasksRunOnTheCommonPoolInsteadOfANewThreadEach() throws Exception {
        assertEquals("parallelism=2 async-thread=ForkJoinPool.commonPool-worker", probe("-XX:ActiveProcessorCount=2"));
    }

    @Test
    void aPoolSizeSetOnTheCommandLineIsKept() throws Exception {
        assertEquals("parallelism=1 async-thread=Thread", probe("-XX:ActiveProcessorCount=2",
                "-D" + ProcessDefaults.COMMON_POOL_PARALLELISM + "=1"));
    }

    @Test
    void onMoreCoresTheDefaultIsLeftAlone() throws Exception {
        assertEquals("parallelism=5 async-thread=ForkJoinPool.commonPool-worker", probe("-XX:ActiveProcessorCount=6"));
    }

    private static String probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe JVM did not end within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** What a ScenarioOps main does first, then one async task without an executor. */
    static final class Probe {
        public static void main(String[] args) {
            ProcessDefaults.apply();
            String thread = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).join();
            System.out.println("parallelism=" + ForkJoinPool.getCommonPoolParallelism()
                    + " async-thread=" + thread.replaceAll("-?\\d+$", ""));
        }
    }
}
