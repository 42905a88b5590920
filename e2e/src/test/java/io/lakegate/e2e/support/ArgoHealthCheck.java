package io.lakegate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs an Argo CD resource health check (Lua) the way Argo CD does: the resource as the global {@code obj}, the script
 * returns a table with {@code status} and {@code message}.
 */
public final class ArgoHealthCheck {

    public record Health(String status, String message) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String script;
    private final String name;

    private ArgoHealthCheck(String name, String script) {
        this.name = name;
        this.script = script;
    }

    public static ArgoHealthCheck load(Path luaFile) {
        try {
            return new ArgoHealthCheck(luaFile.getFileName().toString(), Files.readString(luaFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Health evaluate(String resourceJson) {
        try {
            return evaluate(JSON.readTree(resourceJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Health evaluate(JsonNode resource) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(resource));
        LuaValue result = globals.load(script, name).call();
        return new Health(
                result.get("status").tojstring(), result.get("message").optjstring(""));
    }

    private static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return LuaValue.valueOf((double) node.longValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
