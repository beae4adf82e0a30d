package io.scenarioops.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A compose file as {@code docker compose} reads it: YAML with anchors, aliases and merge keys
 * ({@code <<}) resolved, then every string value interpolated from the project's variables (what
 * compose takes from {@code .env}). Supported: {@code $$}, {@code $VAR}, {@code ${VAR}} and the
 * modifiers {@code :-} {@code -} {@code :?} {@code ?} {@code :+} {@code +}; a nested
 * {@code ${...}} inside a modifier is refused rather than read wrongly.
 */
final class ComposeFile {
    /** The module's tests run in the module's directory. */
    static final Path REPOSITORY_ROOT = Path.of("").toAbsolutePath().getParent();

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern DOTENV_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    private final Path file;
    private final Map<String, Object> document;

    private ComposeFile(Path file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    /** Reads and interpolates the file; fails, naming the variable, where compose would refuse to start. */
    static ComposeFile load(Path file, Map<String, String> variables) {
        Object raw;
        try {
            raw = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + " is not a YAML mapping");
        }
        Object interpolated = interpolate(map, variables, file.getFileName().toString());
        return new ComposeFile(file, asMap(interpolated, file.toString()));
    }

    /** {@code KEY=VALUE} lines of an env file such as {@code .env.example}; comments and blank lines skipped. */
    static Map<String, String> dotEnv(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                Matcher matcher = DOTENV_LINE.matcher(trimmed);
                if (!matcher.matches()) {
                    throw new IllegalArgumentException(file + ": not a KEY=VALUE line: " + line);
                }
                variables.put(matcher.group(1), unquote(matcher.group(2).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return variables;
    }

    /** Compose files at the repository root: docker-compose.yml and every compose*.yml override. */
    static List<Path> allInRepository() {
        try (var files = Files.list(REPOSITORY_ROOT)) {
            return files.filter(f -> f.getFileName().toString().matches("(docker-)?compose.*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + REPOSITORY_ROOT, e);
        }
    }

    Path file() {
        return file;
    }

    /** The interpolated document, as compose validates it. */
    Map<String, Object> document() {
        return document;
    }

    Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        asMap(document.getOrDefault("services", Map.of()), "services")
                .forEach((name, definition) -> services.put(name, asMap(definition, "service " + name)));
        return services;
    }

    Map<String, Object> service(String name) {
        return Optional.ofNullable(services().get(name))
                .orElseThrow(() -> new IllegalArgumentException(file + " has no service " + name));
    }

    /** The service's {@code environment} as a container sees it (map or {@code KEY=VALUE} list form). */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value != null) {
                    variables.put(key.toString(), scalar(value));
                }
            });
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = entry.toString().split("=", 2);
                if (pair.length == 2) {
                    variables.put(pair[0], pair[1]);
                }
            }
        }
        return variables;
    }

    /** The service's {@code command} in exec form; a string command is split on spaces (enough without quotes). */
    List<String> command(String service) {
        Object command = service(service).get("command");
        if (command == null) {
            return List.of();
        }
        if (command instanceof List<?> list) {
            return list.stream().map(ComposeFile::scalar).toList();
        }
        return List.of(command.toString().strip().split("\\s+"));
    }

    /** The services {@code service} depends on with the given condition (a plain list means service_started). */
    List<String> dependencies(String service, String condition) {
        Object dependsOn = service(service).get("depends_on");
        if (dependsOn instanceof List<?> list) {
            return condition.equals("service_started") ? list.stream().map(Object::toString).toList() : List.of();
        }
        if (dependsOn instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .filter(e -> e.getValue() instanceof Map<?, ?> options
                            && condition.equals(options.get("condition")))
                    .map(e -> e.getKey().toString())
                    .toList();
        }
        return List.of();
    }

    /** Names of the top-level volumes. */
    List<String> volumes() {
        return List.copyOf(asMap(document.getOrDefault("volumes", Map.of()), "volumes").keySet());
    }

    /** The service's volume mounts as (source, target), short and long syntax. */
    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object volume : (List<?>) service(service).getOrDefault("volumes", List.of())) {
            if (volume instanceof Map<?, ?> map) {
                mounts.add(new Mount(String.valueOf(map.get("source")), String.valueOf(map.get("target"))));
            } else {
                String[] parts = volume.toString().split(":");
                mounts.add(parts.length == 1 ? new Mount("", parts[0]) : new Mount(parts[0], parts[1]));
            }
        }
        return mounts;
    }

    record Mount(String source, String target) {
        /** Whether {@code path} is the mount point or lies below it. */
        boolean holds(String path) {
            return Path.of(path).normalize().startsWith(Path.of(target).normalize());
        }
    }

    private static Object interpolate(Object value, Map<String, String> variables, String where) {
        if (value instanceof String text) {
            return interpolate(text, variables, where);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, child) -> result.put(key.toString(), interpolate(child, variables, where + "." + key)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                result.add(interpolate(list.get(i), variables, where + "[" + i + "]"));
            }
            return result;
        }
        return value;
    }

    static String interpolate(String text, Map<String, String> variables, String where) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(substitute(matcher, variables, where)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String substitute(Matcher match, Map<String, String> variables, String where) {
        if (match.group().equals("$$")) {
            return "$";
        }
        String name = match.group(1) != null ? match.group(1) : match.group(4);
        String modifier = match.group(2);
        String argument = match.group(3);
        if (argument != null && argument.contains("${")) {
            throw new IllegalArgumentException(where + ": nested interpolation in " + match.group()
                    + " is not supported");
        }
        String value = variables.get(name);
        boolean set = value != null;
        boolean setAndNonEmpty = set && !value.isEmpty();
        if (modifier == null) {
            return set ? value : "";
        }
        return switch (modifier) {
            case ":-" -> setAndNonEmpty ? value : argument;
            case "-" -> set ? value : argument;
            case ":?" -> {
                if (!setAndNonEmpty) {
                    throw new IllegalArgumentException(where + ": required variable " + name + " is missing a value: "
                            + argument);
                }
                yield value;
            }
            case "?" -> {
                if (!set) {
                    throw new IllegalArgumentException(where + ": required variable " + name + " is missing a value: "
                            + argument);
                }
                yield value;
            }
            case ":+" -> setAndNonEmpty ? argument : "";
            case "+" -> set ? argument : "";
            default -> throw new IllegalStateException("modifier " + modifier);
        };
    }

    /** Numbers and booleans become the text the container sees ({@code 1}, {@code false}). */
    private static String scalar(Object value) {
        return String.valueOf(value);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
