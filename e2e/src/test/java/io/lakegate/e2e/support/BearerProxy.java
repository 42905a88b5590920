package io.lakegate.e2e.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The node bearer-adding proxy (test resource {@code bearer-proxy.mjs}) in front of an MCP server. */
public final class BearerProxy implements AutoCloseable {

    private final Process process;
    private final int port;

    private BearerProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static BearerProxy start(String upstreamOrigin, String token, Path workDir) {
        try {
            Path script = workDir.resolve("bearer-proxy.mjs");
            try (var in = BearerProxy.class.getResourceAsStream("/bearer-proxy.mjs")) {
                Files.write(script, in.readAllBytes());
            }
            Process process = new ProcessBuilder(List.of("node", script.toString(), upstreamOrigin, token))
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("listening ")) {
                process.destroyForcibly();
                throw new IllegalStateException("bearer proxy did not start: " + first);
            }
            return new BearerProxy(
                    process,
                    Integer.parseInt(first.substring("listening ".length()).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the bearer proxy", e);
        }
    }

    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
