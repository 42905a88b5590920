package io.lakegate.connector.resilience;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lakegate.ratelimit.*}: fleet-wide limits, divided by {@link #getReplicas()} because every replica counts on
 * its own (no shared store). Defaults follow the vendor contract: 600 calls/min per OAuth client with 50 % burst
 * headroom, 3 000 calls/min per tenant (workspace).
 */
@ConfigurationProperties("lakegate.ratelimit")
public class RateLimitProperties {

    private boolean enabled = true;
    /** Replicas sharing the fleet-wide figures; each replica enforces {@code ceil(fleetLimit / replicas)}. */
    private int replicas = 1;
    /** Length of one counting window. */
    private Duration window = Duration.ofMinutes(1);
    /**
     * Windows over which the sustained rate is averaged: a caller may use the burst headroom in one window, but over
     * this many windows it gets no more than {@code fleetLimit * sustainedWindows}.
     */
    private int sustainedWindows = 5;

    private Limit user = new Limit(600, 50);
    private Limit client = new Limit(600, 50);
    private Limit workspace = new Limit(3000, 0);
    private Limit tool = new Limit(3000, 0);
    /** Per tool name overrides of {@link #getTool()}. */
    private Map<String, Limit> tools = new LinkedHashMap<>();

    public Limit limitFor(RateLimitScope scope) {
        return switch (scope) {
            case USER -> user;
            case CLIENT -> client;
            case WORKSPACE -> workspace;
            case TOOL -> tool;
        };
    }

    /** A fleet-wide limit per window; {@code fleetLimit <= 0} switches the limit off. */
    public static class Limit {
        private int fleetLimit;
        private int burstPercent;

        public Limit() {}

        public Limit(int fleetLimit, int burstPercent) {
            this.fleetLimit = fleetLimit;
            this.burstPercent = burstPercent;
        }

        public boolean isUnlimited() {
            return fleetLimit <= 0;
        }

        /** Sustained calls per window allowed on one replica. */
        public int perReplica(int replicas) {
            return Math.max(1, (fleetLimit + Math.max(1, replicas) - 1) / Math.max(1, replicas));
        }

        /** Calls one window may take on one replica, burst headroom included. */
        public int burstPerReplica(int replicas) {
            return (int) Math.ceil(perReplica(replicas) * (1 + burstPercent / 100.0));
        }

        public int getFleetLimit() {
            return fleetLimit;
        }

        public void setFleetLimit(int fleetLimit) {
            this.fleetLimit = fleetLimit;
        }

        public int getBurstPercent() {
            return burstPercent;
        }

        public void setBurstPercent(int burstPercent) {
            this.burstPercent = burstPercent;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public int getSustainedWindows() {
        return sustainedWindows;
    }

    public void setSustainedWindows(int sustainedWindows) {
        this.sustainedWindows = sustainedWindows;
    }

    public Limit getUser() {
        return user;
    }

    public void setUser(Limit user) {
        this.user = user;
    }

    public Limit getClient() {
        return client;
    }

    public void setClient(Limit client) {
        this.client = client;
    }

    public Limit getWorkspace() {
        return workspace;
    }

    public void setWorkspace(Limit workspace) {
        this.workspace = workspace;
    }

    public Limit getTool() {
        return tool;
    }

    public void setTool(Limit tool) {
        this.tool = tool;
    }

    public Map<String, Limit> getTools() {
        return tools;
    }

    public void setTools(Map<String, Limit> tools) {
        this.tools = tools;
    }
}
