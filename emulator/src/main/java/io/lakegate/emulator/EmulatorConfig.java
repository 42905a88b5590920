package io.lakegate.emulator;

import io.lakegate.emulator.seed.SeedLoader;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start an emulator. {@code serverPageSize} null means the seed's value (small, so UC lists really page);
 * {@code tokenTtl} is the lifetime of {@link DatabricksEmulator#issueToken(String)} tokens.
 */
public record EmulatorConfig(
        String host, int port, String seedResource, Integer serverPageSize, Duration tokenTtl, int requestLogCapacity) {

    public EmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(seedResource, "seedResource");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (serverPageSize != null && serverPageSize < 1) {
            throw new IllegalArgumentException("serverPageSize must be >= 1");
        }
        if (tokenTtl.isNegative()) {
            throw new IllegalArgumentException("tokenTtl must not be negative");
        }
        if (requestLogCapacity < 1) {
            throw new IllegalArgumentException("requestLogCapacity must be >= 1");
        }
    }

    /** 127.0.0.1, OS-chosen port, the bundled seed, its page size, one-hour tokens, the last 10,000 requests. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig("127.0.0.1", 0, SeedLoader.DEFAULT_RESOURCE, null, Duration.ofHours(1), 10_000);
    }

    public EmulatorConfig withPort(int newPort) {
        return new EmulatorConfig(host, newPort, seedResource, serverPageSize, tokenTtl, requestLogCapacity);
    }

    public EmulatorConfig withHost(String newHost) {
        return new EmulatorConfig(newHost, port, seedResource, serverPageSize, tokenTtl, requestLogCapacity);
    }

    public EmulatorConfig withServerPageSize(int size) {
        return new EmulatorConfig(host, port, seedResource, size, tokenTtl, requestLogCapacity);
    }

    public EmulatorConfig withTokenTtl(Duration ttl) {
        return new EmulatorConfig(host, port, seedResource, serverPageSize, ttl, requestLogCapacity);
    }

    public EmulatorConfig withSeedResource(String resource) {
        return new EmulatorConfig(host, port, resource, serverPageSize, tokenTtl, requestLogCapacity);
    }

    public EmulatorConfig withRequestLogCapacity(int capacity) {
        return new EmulatorConfig(host, port, seedResource, serverPageSize, tokenTtl, capacity);
    }
}
