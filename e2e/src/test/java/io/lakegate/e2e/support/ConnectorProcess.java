package io.lakegate.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The connector's fat jar run as a real process, configured only through environment and arguments, exactly as a pod
 * would run it. Readiness is the connector's own readiness endpoint.
 */
public final class ConnectorProcess implements AutoCloseable {

    /** Two minutes; a machine shared by many builds may need longer ({@code -Dlakegate.e2e.ready-timeout-seconds}). */
    private static final Duration READY_TIMEOUT =
            Duration.ofSeconds(Long.getLong("lakegate.e2e.ready-timeout-seconds", 120));
    /** The connector's readiness endpoint, which its pod template's readiness probe names too. */
    public static final String READINESS = "/actuator/health/readiness";

    private final Process process;
    private final int port;
    private final Path log;
    private final String readinessPath;
    private final Runnable afterStop;

    private ConnectorProcess(Process process, int port, Path log, String readinessPath, Runnable afterStop) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.readinessPath = readinessPath;
        this.afterStop = afterStop;
    }

    /** The jar the build produced; the e2e pom passes its path so tests never guess at versions. */
    public static Path connectorJar() {
        String jar = System.getProperty("lakegate.connector.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("connector jar not found at " + jar + ": build the connector module first");
        }
        return Path.of(jar);
    }

    public static ConnectorProcess start(Map<String, String> env, List<String> args, Path workDir) {
        return start(freePort(), env, args, workDir);
    }

    /** On a port chosen beforehand, for configurations that name the connector's own URL (an OAuth issuer). */
    public static ConnectorProcess start(int port, Map<String, String> env, List<String> args, Path workDir) {
        List<String> command = new ArrayList<>(
                List.of(javaExecutable(), "-Xmx512m", "-jar", connectorJar().toString()));
        command.addAll(serverArgs(port));
        command.addAll(args);
        return start(port, READINESS, command, env, workDir, () -> {});
    }

    /** Where the connector listens: loopback only, on the given port (the pod's port is remapped, see callers). */
    public static List<String> serverArgs(int port) {
        return List.of("--server.address=127.0.0.1", "--server.port=" + port);
    }

    /**
     * Any command that runs a server in the foreground and ends when it does ({@code java -jar}, or {@code podman run}
     * of the connector or operator image), answering on {@code port}; returns once {@code readinessPath} answers 200.
     * {@code afterStop} runs once the command has ended or been killed (a container outlives a killed podman run).
     */
    public static ConnectorProcess start(
            int port,
            String readinessPath,
            List<String> command,
            Map<String, String> env,
            Path workDir,
            Runnable afterStop) {
        Path log = workDir.resolve("connector-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(new LinkedHashMap<>(env));
        try {
            ConnectorProcess connector = new ConnectorProcess(builder.start(), port, log, readinessPath, afterStop);
            connector.awaitReady();
            return connector;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the connector", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String mcpUrl() {
        return baseUrl() + "/mcp";
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + readinessPath))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("not ready after " + READY_TIMEOUT + ":\n" + tail());
    }

    private String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            afterStop.run();
        }
    }

    /** The process this object started ({@code podman run} for a container: the connector's pid is the runtime's). */
    public Process process() {
        return process;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
