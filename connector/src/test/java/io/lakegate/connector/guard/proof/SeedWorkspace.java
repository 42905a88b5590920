package io.lakegate.connector.guard.proof;

import io.lakegate.emulator.seed.SeedLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An emulator workspace seed as JSON that a proof test changes before the emulator starts (views over SCI data, stopped
 * warehouses, a whole random metastore). The emulator reads seeds only from the classpath, so {@link #publish} writes
 * the JSON under the test classes directory (on the classpath, read lazily) and returns its resource name.
 */
final class SeedWorkspace {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final ObjectNode root;

    private SeedWorkspace(ObjectNode root) {
        this.root = root;
    }

    /** The seed every other connector test uses (emulator/src/main/resources/seed/workspace.json). */
    static SeedWorkspace bundled() {
        try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(SeedLoader.DEFAULT_RESOURCE)) {
            return new SeedWorkspace((ObjectNode) JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SeedWorkspace of(ObjectNode root) {
        return new SeedWorkspace(root);
    }

    SeedWorkspace copy() {
        return new SeedWorkspace(root.deepCopy());
    }

    ObjectNode catalog(String name) {
        for (JsonNode c : root.path("catalogs")) {
            if (c.path("name").asString().equals(name)) {
                return (ObjectNode) c;
            }
        }
        throw new IllegalArgumentException("no catalog " + name);
    }

    ObjectNode schema(String catalog, String name) {
        for (JsonNode s : catalog(catalog).path("schemas")) {
            if (s.path("name").asString().equals(name)) {
                return (ObjectNode) s;
            }
        }
        throw new IllegalArgumentException("no schema " + catalog + "." + name);
    }

    /** Adds an untagged view; {@code columns} are (name, type) pairs in the order its definition selects them. */
    SeedWorkspace addView(String catalog, String schema, String name, String definition, String... columns) {
        ObjectNode view = ((ArrayNode) schema(catalog, schema).path("tables")).addObject();
        view.put("name", name);
        view.put("table_type", "VIEW");
        view.put("comment", "added by the guard proof");
        view.put("owner", catalog + "-admins");
        view.put("view_definition", definition);
        ArrayNode cols = view.putArray("columns");
        for (int i = 0; i < columns.length; i += 2) {
            ObjectNode col = cols.addObject();
            col.put("name", columns[i]);
            col.put("type_name", typeName(columns[i + 1]));
            col.put("type_text", columns[i + 1]);
            col.put("nullable", true);
        }
        view.putArray("rows");
        return this;
    }

    static String typeName(String typeText) {
        return switch (typeText) {
            case "bigint" -> "LONG";
            case "int" -> "INT";
            case "string" -> "STRING";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            case "double" -> "DOUBLE";
            default -> typeText.startsWith("decimal") ? "DECIMAL" : typeText.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** Every warehouse STOPPED: the normal state of a workspace, warehouses auto-stop (issue 12, class 3). */
    SeedWorkspace stopAllWarehouses() {
        for (JsonNode w : root.path("warehouses")) {
            ((ObjectNode) w).put("state", "STOPPED");
        }
        return this;
    }

    /** Writes the seed where the emulator's classpath loader finds it; returns the resource name. */
    String publish(String name) {
        try {
            Path classes = Path.of(SeedWorkspace.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path file = classes.resolve("proof-seeds").resolve(name + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(root));
            return "proof-seeds/" + name + ".json";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
