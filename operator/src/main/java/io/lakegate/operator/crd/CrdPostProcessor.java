package io.lakegate.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Completes the CRDs written by the fabric8 crd-generator where it has gaps (fabric8 #6668/#6669): condition lists
 * become list-maps keyed by {@code type} with a {@code status} enum, the per-workspace resolution list becomes a
 * list-map keyed by {@code name}, and printer columns follow a fixed order instead of JSON-path order. Runs in
 * {@code process-classes} right after the generator; the output is deterministic so it can be committed and diffed.
 */
public final class CrdPostProcessor {
    public static final String REFRESH_COMMAND = "./mvnw -B -o -pl operator process-classes -Dcrds.refresh=true";
    static final String HEADER =
            "# Generated from the Java model (io.lakegate.operator.api) by the fabric8 crd-generator and\n"
                    + "# io.lakegate.operator.crd.CrdPostProcessor. Do not edit; refresh with:\n#   " + REFRESH_COMMAND
                    + "\n";
    private static final List<String> COLUMN_ORDER =
            List.of("Ready", "Cloud", "Workspaces", "Connectors", "URL", "Age");
    private static final int MAX_CONDITIONS = 16;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private CrdPostProcessor() {}

    /** Args: generated CRD directory, committed CRD directory, whether to overwrite the committed copies. */
    public static void main(String[] args) throws IOException {
        Path generated = Path.of(args[0]);
        Path committed = Path.of(args[1]);
        boolean refresh = args.length > 2 && Boolean.parseBoolean(args[2]);
        for (Path file : crdFiles(generated)) {
            String processed = process(Files.readString(file, StandardCharsets.UTF_8));
            Files.writeString(file, processed, StandardCharsets.UTF_8);
            if (refresh) {
                Files.createDirectories(committed);
                Files.writeString(committed.resolve(file.getFileName()), processed, StandardCharsets.UTF_8);
            }
        }
    }

    /** The CRD files of a directory, sorted by name. */
    public static List<Path> crdFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-v1.yml"))
                    .sorted()
                    .toList();
        }
    }

    /** Idempotent: processing a processed CRD returns it unchanged. */
    public static String process(String crdYaml) {
        try {
            ObjectNode crd = (ObjectNode) YAML.readTree(crdYaml);
            for (JsonNode version : crd.path("spec").path("versions")) {
                ObjectNode statusProps =
                        objectAt(version, "schema", "openAPIV3Schema", "properties", "status", "properties");
                if (statusProps != null) {
                    keyConditions(statusProps.get("conditions"));
                    keyListBy(statusProps.get("workspaces"), "name");
                }
                orderPrinterColumns(version.get("additionalPrinterColumns"));
            }
            return HEADER + YAML.writeValueAsString(crd);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot post-process CRD", e);
        }
    }

    private static void keyConditions(JsonNode conditions) {
        if (!(conditions instanceof ObjectNode list)) {
            return;
        }
        keyListBy(list, "type");
        list.put("maxItems", MAX_CONDITIONS);
        ObjectNode items = (ObjectNode) list.get("items");
        ArrayNode required = items.putArray("required");
        required.add("type").add("status").add("reason");
        ObjectNode status = (ObjectNode) items.path("properties").get("status");
        ArrayNode values = status.putArray("enum");
        values.add("True").add("False").add("Unknown");
    }

    private static void keyListBy(JsonNode listSchema, String key) {
        if (!(listSchema instanceof ObjectNode list) || !(list.get("items") instanceof ObjectNode items)) {
            return;
        }
        list.put("x-kubernetes-list-type", "map");
        list.putArray("x-kubernetes-list-map-keys").add(key);
        // map keys must be required (or defaulted) for the apiserver to accept a list-map
        if (!items.has("required")) {
            items.putArray("required").add(key);
        }
    }

    private static void orderPrinterColumns(JsonNode columns) {
        if (!(columns instanceof ArrayNode array)) {
            return;
        }
        List<JsonNode> sorted = new ArrayList<>();
        array.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(c -> rank(c.path("name").asText())));
        array.removeAll();
        sorted.forEach(array::add);
    }

    private static int rank(String column) {
        int index = COLUMN_ORDER.indexOf(column);
        return index < 0 ? COLUMN_ORDER.size() - 1 : index;
    }

    private static ObjectNode objectAt(JsonNode node, String... path) {
        JsonNode current = node;
        for (String p : path) {
            current = current.path(p);
        }
        return current instanceof ObjectNode o ? o : null;
    }
}
