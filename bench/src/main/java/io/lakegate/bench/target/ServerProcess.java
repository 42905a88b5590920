package io.lakegate.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test run as its own OS process on 127.0.0.1, so its memory and CPU can be read apart from the load
 * generator's. Startup time is measured from process spawn to the first 200 from its readiness URL.
 */
public final class ServerProcess implements AutoCloseable {

    // generous: a JVM under a 1-CPU limit on a shared, loaded machine can take minutes (the container phase)
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(420);
    private static final long POLL_MILLIS = 25;

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startup;

    private ServerProcess(String name, Process process, int port, Path log, Duration startup) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.startup = startup;
    }

    /**
     * Starts {@code command} (which must bind the given port on 127.0.0.1) and waits until {@code readinessPath}
     * answers 200.
     */
    public static ServerProcess start(
            String name, List<String> command, Map<String, String> env, int port, String readinessPath, Path workDir) {
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        long t0 = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + ")", e);
        }
        Duration startup = awaitReady(name, process, URI.create("http://127.0.0.1:" + port + readinessPath), log, t0);
        return new ServerProcess(name, process, port, log, startup);
    }

    private static Duration awaitReady(String name, Process process, URI readiness, Path log, long t0) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(readiness)
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = t0 + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(POLL_MILLIS);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT + ":\n" + tail(log));
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Duration startup() {
        return startup;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public long rssBytes() {
        return ProcStats.rssBytes(process.toHandle());
    }

    public long cpuMillis() {
        return ProcStats.cpuMillis(process.toHandle());
    }

    /** CPU time of the server's JIT compiler threads so far (0 for a server that has none). */
    public long jitCpuMillis() {
        return ProcStats.jitCompilerCpuMillis(process.toHandle());
    }

    public String logTail() {
        return tail(log);
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines =
                    Files.readString(log, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
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
