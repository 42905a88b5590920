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

    /** The newest conformance release, with the per-revision requirement lists and the 2026-07-28 scenarios. */
    public static final String CONFORMANCE_2026 = "@modelcontextprotocol/conformance@0.2.0-alpha.12";

    public static final String INSPECTOR = "@modelcontextprotocol/inspector@2.12.0";
    /** The official TypeScript SDK, for scripts that act as an MCP client. */
    public static final String TYPESCRIPT_SDK = "@modelcontextprotocol/sdk@1.32.2";
    /** The TypeScript v2 client package, which speaks both protocol eras (newest 2.x the registry served). */
    public static final String TYPESCRIPT_CLIENT_V2 = "@modelcontextprotocol/client@2.4.0";
    /** The stdio-to-remote bridge desktop MCP hosts launch for remote servers. */
    public static final String MCP_REMOTE = "mcp-remote@0.15.1";

    private static final Map<String, String> ENV = Map.of(
            "npm_config_cache",
                    Path.of(System.getProperty("user.home"), ".cache", "lakegate", "npm")
                            .toString(),
            "npm_config_update_notifier", "false",
            "NO_COLOR", "1");

    private NodeTools() {}

    /** Runs {@code bin} from {@code pkg} on Node 22. */
    public static ExternalCommand.Result npx(
            String pkg, String bin, List<String> args, Path workDir, Duration timeout) {
        return npx(pkg, bin, args, workDir, Map.of(), timeout);
    }

    /** Runs {@code bin} from {@code pkg} on Node 22 with {@code env} added to the process environment. */
    public static ExternalCommand.Result npx(
            String pkg, String bin, List<String> args, Path workDir, Map<String, String> env, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("npx", "-y", "-p", "node@22", "-p", pkg, "--", bin));
        command.addAll(args);
        Map<String, String> all = new java.util.LinkedHashMap<>(ENV);
        all.putAll(env);
        return ExternalCommand.run(command, workDir, all, timeout);
    }

    /**
     * Starts {@code bin} from {@code pkg} on Node 22 without waiting for it, output and errors merged, for tools that
     * print something the test must act on while they run (a URL to open in the "browser"). The caller bounds and ends it.
     */
    public static ProcessBuilder npxProcess(String pkg, String bin, List<String> args, Path workDir) {
        List<String> command = new ArrayList<>(List.of("npx", "-y", "-p", "node@22", "-p", pkg, "--", bin));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(ENV);
        return builder;
    }

    /**
     * Runs a Node script (ES module) on Node 22 with {@code packages} installed next to it, so its {@code import}s
     * resolve; {@code env} is added to the process environment (e.g. a bearer that must not appear in arguments).
     */
    public static ExternalCommand.Result nodeScript(
            Path dir,
            String script,
            List<String> packages,
            List<String> args,
            Map<String, String> env,
            Duration timeout) {
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve("package.json"), "{\"private\":true,\"type\":\"module\"}\n");
            java.nio.file.Files.writeString(dir.resolve("main.mjs"), script);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> install = new ArrayList<>(
                List.of("npm", "install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"));
        install.addAll(packages);
        ExternalCommand.Result installed = ExternalCommand.run(install, dir, ENV, timeout);
        if (!installed.succeeded()) {
            return installed;
        }
        List<String> command = new ArrayList<>(List.of("npx", "-y", "-p", "node@22", "--", "node", "main.mjs"));
        command.addAll(args);
        Map<String, String> all = new java.util.LinkedHashMap<>(ENV);
        all.putAll(env);
        return ExternalCommand.run(command, dir, all, timeout);
    }
}
