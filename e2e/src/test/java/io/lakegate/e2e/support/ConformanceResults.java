package io.lakegate.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code conformance server -o DIR} wrote: one {@code server-<scenario>-<timestamp>/checks.json} per scenario,
 * each an array of checks ({@code id}, {@code status}: SUCCESS, FAILURE, WARNING, SKIPPED or INFO,
 * {@code errorMessage}). Read per check rather than from the exit code, which cannot tell a scenario that does not
 * apply from one that fails.
 */
public final class ConformanceResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TIMESTAMP = Pattern.compile("-\\d{4}-\\d{2}-\\d{2}T[0-9-]+Z");

    private ConformanceResults() {}

    /** The checks of every server scenario that ran, by scenario name. */
    public static Map<String, List<JsonNode>> read(Path outputDir) {
        return read(outputDir, "server");
    }

    /**
     * The checks of every scenario that ran, by scenario name, from the directories of one mode ({@code server}, or
     * {@code authorization-server} for {@code conformance authorization -o DIR}).
     */
    public static Map<String, List<JsonNode>> read(Path outputDir, String mode) {
        Pattern pattern = Pattern.compile(Pattern.quote(mode) + "-(.+)" + TIMESTAMP.pattern());
        Map<String, List<JsonNode>> out = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(outputDir)) {
            for (Path dir : dirs.toList()) {
                Matcher m = pattern.matcher(dir.getFileName().toString());
                Path checks = dir.resolve("checks.json");
                if (m.matches() && Files.isRegularFile(checks)) {
                    List<JsonNode> list = new ArrayList<>();
                    JSON.readTree(Files.readString(checks)).forEach(list::add);
                    out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(list);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no conformance results in " + outputDir, e);
        }
        return out;
    }

    public static String describe(JsonNode check) {
        return check.path("id").asString() + " " + check.path("status").asString() + " "
                + check.path("errorMessage").asString("");
    }

    /** e.g. {@code 3 SUCCESS, 1 INFO}. */
    public static String summary(List<JsonNode> checks) {
        return checks.stream()
                .collect(Collectors.groupingBy(c -> c.path("status").asString(), TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
