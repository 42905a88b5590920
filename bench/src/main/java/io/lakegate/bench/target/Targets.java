package io.lakegate.bench.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How each server under test is launched: the connector's fat jar and the Python peers under uvicorn. */
public final class Targets {

    /** Heap cap of the connector, as in the e2e harness; the figures in docs/benchmarks.md are taken with it. */
    public static final String CONNECTOR_HEAP = "-Xmx512m";

    private Targets() {}

    /**
     * The connector in its dev identity mode (the caller's bearer is an emulator token) with a one-workspace registry
     * pointing at the emulator. Same jar and properties a pod would run, with rate limits and dedup off, plus
     * {@code extraJvmArgs}.
     */
    public static ServerProcess connector(Path jar, String emulatorUrl, Path workDir, List<String> extraJvmArgs) {
        List<String> jvm = new ArrayList<>(List.of(CONNECTOR_HEAP));
        jvm.addAll(extraJvmArgs);
        return connector("connector", List.of(), jar, emulatorUrl, workDir, jvm, Map.of());
    }

    /**
     * The same connector with JVM arguments and environment of the caller's choosing in place of the harness's heap
     * cap, its {@code java} run by {@code launcher} (e.g. {@code taskset -c 0}) when that is not empty; {@code name}
     * names its log in {@code workDir}.
     */
    public static ServerProcess connector(
            String name,
            List<String> launcher,
            Path jar,
            String emulatorUrl,
            Path workDir,
            List<String> jvmArgs,
            Map<String, String> env) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("connector jar not found at " + jar + ": run bench/run (it builds it)");
        }
        int port = ServerProcess.freePort();
        String registry = "{\"workspaces\":[{\"name\":\"bench\",\"host\":\"" + emulatorUrl + "\",\"cloud\":\"azure\","
                + "\"identity\":{\"mode\":\"dev-token\"},\"sci\":{\"tagKey\":\"classification\",\"tagValues\":[\"SCI\"]}}]}";
        List<String> command = new ArrayList<>(launcher);
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--lakegate.auth.mode=dev-emulator-token",
                // the load is one user through one client: the production limits (600/min per client) would turn the
                // measurement into a count of 429s, and dedup would answer repeated identical calls from memory while
                // the peer and the direct baseline pay every call; both are measured on their own (tests, not here)
                "--lakegate.ratelimit.enabled=false",
                "--lakegate.dedup.enabled=false",
                // 64 sessions of one user: the per-user bulkhead (8 calls in flight) would refuse most of them
                "--lakegate.downstream.bulkhead.max-concurrent-per-user=256",
                // ... and the fair share of a busy replica (16 in flight), which one user at 32+ sessions always holds
                "--lakegate.downstream.bulkhead.max-concurrent=0",
                "--lakegate.workspaces.json=" + registry));
        return ServerProcess.start(name, command, env, port, "/actuator/health/readiness", workDir);
    }

    /**
     * The seed-002 stack: {@code bench/peer/server.py} served by uvicorn (one worker: MCP sessions are held in the
     * process, so a stateful Streamable HTTP server cannot be spread over workers without sticky routing).
     */
    public static ServerProcess peer(Path venv, Path peerDir, String emulatorUrl, Path workDir) {
        Path uvicorn = venv.resolve("bin/uvicorn");
        if (!Files.isExecutable(uvicorn)) {
            throw new IllegalStateException("no uvicorn in " + venv + ": run bench/run (it creates the venv)");
        }
        int port = ServerProcess.freePort();
        List<String> command = List.of(
                uvicorn.toString(),
                "server:app",
                "--app-dir",
                peerDir.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--workers",
                "1",
                "--no-access-log",
                "--log-level",
                "warning");
        return ServerProcess.start(
                "peer",
                command,
                Map.of("LAKEGATE_PEER_WORKSPACE_URL", emulatorUrl, "PYTHONDONTWRITEBYTECODE", "1"),
                port,
                "/health",
                workDir);
    }

    /**
     * A community Databricks MCP server from PyPI, unchanged, served over Streamable HTTP by the launcher in
     * {@code launcherDir} (its own command line runs stdio) under uvicorn with one worker, like the FastMCP peer. Both
     * are single-user servers: they read the Databricks host and token from the environment at startup.
     */
    public static ServerProcess communityPeer(
            String name, Path venv, Path launcherDir, String emulatorUrl, String token, Path workDir) {
        Path uvicorn = venv.resolve("bin/uvicorn");
        if (!Files.isExecutable(uvicorn)) {
            throw new IllegalStateException("no uvicorn in " + venv + ": run bench/run (it creates the venv)");
        }
        int port = ServerProcess.freePort();
        List<String> command = List.of(
                uvicorn.toString(),
                "launcher:app",
                "--app-dir",
                launcherDir.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--workers",
                "1",
                "--no-access-log",
                "--log-level",
                "warning");
        return ServerProcess.start(
                name,
                command,
                Map.of("DATABRICKS_HOST", emulatorUrl, "DATABRICKS_TOKEN", token, "PYTHONDONTWRITEBYTECODE", "1"),
                port,
                "/health",
                workDir);
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
