package io.scenarioops.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Dockerfile's runtime stage laid onto this checkout: its ENTRYPOINT, CMD and ENV, with every
 * path the stage copies from the build stage ({@code COPY --from=build /src/x /app/y}) replaced by
 * the file the build left at {@code x} in the repository, so that {@link #command} is the
 * container's command line as a host process. Supports the forms this project's Dockerfile uses:
 * exec-form ENTRYPOINT/CMD, {@code ENV K=V}, a build stage that copies the whole context
 * ({@code COPY . .}) into its WORKDIR.
 */
final class ContainerImage {
    private static final Pattern FROM = Pattern.compile("FROM\\s+\\S+(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern COPY_FROM = Pattern.compile("COPY\\s+--from=(\\S+)\\s+(\\S+)\\s+(\\S+)");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\\S*)");

    private final List<String> entrypoint;
    private final List<String> defaultCommand;
    private final Map<String, String> environment;
    /** Image path (a COPY destination) → the file or directory in the checkout. */
    private final Map<String, Path> copied;

    private ContainerImage(List<String> entrypoint, List<String> defaultCommand, Map<String, String> environment,
            Map<String, Path> copied) {
        this.entrypoint = entrypoint;
        this.defaultCommand = defaultCommand;
        this.environment = environment;
        this.copied = copied;
    }

    static ContainerImage fromDockerfile(Path dockerfile) {
        Path context = dockerfile.toAbsolutePath().getParent();
        Map<String, String> stageWorkdirs = new LinkedHashMap<>();
        String stage = null;
        String workdir = "/";
        List<String> entrypoint = List.of();
        List<String> defaultCommand = List.of();
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, Path> copied = new LinkedHashMap<>();
        for (String instruction : instructions(dockerfile)) {
            Matcher from = FROM.matcher(instruction);
            if (from.matches()) {
                stage = from.group(1);
                workdir = "/";
                entrypoint = List.of();
                defaultCommand = List.of();
                environment.clear();
                copied.clear();
                continue;
            }
            String keyword = instruction.split("\\s+", 2)[0].toUpperCase();
            String argument = instruction.substring(keyword.length()).strip();
            switch (keyword) {
                case "WORKDIR" -> workdir = argument;
                case "COPY" -> {
                    if (argument.equals(". .") && stage != null) {
                        stageWorkdirs.put(stage, workdir.endsWith("/") ? workdir : workdir + "/");
                    }
                    Matcher copy = COPY_FROM.matcher(instruction);
                    if (copy.matches()) {
                        copied.put(copy.group(3), fromBuildStage(context, stageWorkdirs, copy.group(1), copy.group(2)));
                    }
                }
                case "ENV" -> {
                    Matcher pair = ENV_PAIR.matcher(argument);
                    while (pair.find()) {
                        environment.put(pair.group(1), pair.group(2));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = execForm(dockerfile, argument);
                case "CMD" -> defaultCommand = execForm(dockerfile, argument);
                default -> {
                    // RUN, USER, EXPOSE...: nothing a host process needs
                }
            }
        }
        if (entrypoint.isEmpty()) {
            throw new IllegalArgumentException(dockerfile + ": the runtime stage has no exec-form ENTRYPOINT");
        }
        return new ContainerImage(entrypoint, defaultCommand, Map.copyOf(environment), Map.copyOf(copied));
    }

    /**
     * What {@code docker run IMAGE args...} runs (the image's CMD when there are none), with
     * {@code java} the test JVM's and the copied files where the build left them.
     */
    List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        for (String part : entrypoint) {
            command.add(onHost(part));
        }
        if (command.get(0).equals("java")) {
            command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        command.addAll(args.isEmpty() ? defaultCommand : args);
        return command;
    }

    /** The image's ENV; an absolute path in it lies under {@code containerRoot}, the container's own files. */
    Map<String, String> environment(Path containerRoot) {
        Map<String, String> onHost = new LinkedHashMap<>();
        environment.forEach((key, value) ->
                onHost.put(key, value.startsWith("/") ? containerRoot.resolve(value.substring(1)).toString() : value));
        return onHost;
    }

    /** A path or a classpath of image paths, each one copied from the build mapped to the checkout. */
    private String onHost(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(":", -1)) {
            parts.add(copiedPath(part));
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    private String copiedPath(String imagePath) {
        for (Map.Entry<String, Path> copy : copied.entrySet()) {
            String destination = copy.getKey();
            if (imagePath.equals(destination)) {
                return copy.getValue().toString();
            }
            if (destination.endsWith("/") && imagePath.startsWith(destination)) {
                return copy.getValue() + "/" + imagePath.substring(destination.length());
            }
        }
        return imagePath;
    }

    /** {@code COPY --from=stage /workdir/some/path}: the same path in the context, a glob resolved to its one match. */
    private static Path fromBuildStage(Path context, Map<String, String> stageWorkdirs, String stage, String source) {
        String workdir = stageWorkdirs.get(stage);
        if (workdir == null || !source.startsWith(workdir)) {
            throw new IllegalArgumentException("COPY --from=" + stage + " " + source + ": only a stage that copies the"
                    + " whole context (COPY . .) into its WORKDIR can be laid onto the checkout");
        }
        Path path = context.resolve(source.substring(workdir.length()));
        if (!path.getFileName().toString().contains("*")) {
            return path;
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + path.getFileName());
        try (Stream<Path> files = Files.list(path.getParent())) {
            List<Path> matches = files.filter(f -> glob.matches(f.getFileName())).toList();
            if (matches.size() != 1) {
                throw new IllegalStateException(source + " matches " + matches + " in " + path.getParent()
                        + "; expected one file (did the build run? mvn -B package -pl local-pipeline -am)");
            }
            return matches.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("no " + path.getParent()
                    + ": build first (mvn -B package -pl local-pipeline -am)", e);
        }
    }

    private static List<String> execForm(Path dockerfile, String json) {
        try {
            return new ObjectMapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(dockerfile + ": not an exec-form (JSON array) instruction: " + json, e);
        }
    }

    /** The instructions, continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions(Path dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(dockerfile)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.isEmpty() && current.isEmpty()) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                instructions.add(current.append(trimmed).toString().strip());
                current.setLength(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
        return instructions;
    }
}
