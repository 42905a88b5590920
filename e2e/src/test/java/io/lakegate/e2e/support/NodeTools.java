package io.lakegate.e2e.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real MCP clients from the npm registry. They need Node 22, which npx fetches as the {@code node@22} package; npm's
 * cache is kept under ~/.cache/lakegate so a second run downloads nothing.
 */
public final class NodeTools {

    public static final String CONFORMANCE = "@modelcontextprotocol/conformance@0.1.16";
    public static final String INSPECTOR = "@modelcontextprotocol/inspector@2.12.0";

    private static final Map<String, String> ENV = Map.of(
            "npm_config_cache", Path.of(System.getProperty("user.home"), ".cache", "lakegate", "npm").toString(),
            "npm_config_update_notifier", "false",
            "NO_COLOR", "1");

    private NodeTools() {
    }

    /** Runs {@code bin} from {@code pkg} on Node 22. */
    public static ExternalCommand.Result npx(String pkg, String bin, List<String> args, Path workDir, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("npx", "-y", "-p", "node@22", "-p", pkg, "--", bin));
        command.addAll(args);
        return ExternalCommand.run(command, workDir, ENV, timeout);
    }
}
