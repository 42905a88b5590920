package io.lakegate.connector.databricks;

import io.lakegate.connector.workspace.WorkspaceRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Walks the Databricks client's path once before the connector reports ready (see {@link
 * DatabricksClient#unauthenticatedProbe}): the first caller's first downstream call (in dev mode the token check
 * itself, otherwise his first tool call) took about 200 ms more than the next caller's for loading and compiling it.
 * One workspace is enough to warm the code; the others' connections open on first use.
 *
 * <p>An application runner, like the MCP warm-up: readiness is published after it returns. It waits at
 * most {@link #LONGEST}, so an unreachable workspace delays readiness by no more than that, and a failure changes no
 * answer: it is logged and forgotten.
 */
@Component
public class DatabricksWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DatabricksWarmUp.class);
    static final Duration LONGEST = Duration.ofSeconds(2);

    private final DatabricksClient client;
    private final WorkspaceRegistry registry;
    private volatile String outcome = "not run";

    public DatabricksWarmUp(DatabricksClient client, WorkspaceRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!registry.isValid() || registry.all().isEmpty()) {
            outcome = "no workspace";
            return;
        }
        var workspace = registry.all().get(0);
        long started = System.nanoTime();
        try {
            String answer = client.unauthenticatedProbe(workspace).block(LONGEST);
            outcome = workspace.name() + " " + answer;
            log.info(
                    "Databricks warm-up: workspace {} answered {} in {} ms",
                    workspace.name(),
                    answer,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            outcome = workspace.name() + " not reached";
            log.info(
                    "Databricks warm-up: workspace {} not reached ({})",
                    workspace.name(),
                    e.getClass().getSimpleName());
        }
    }

    /** What the warm-up got, e.g. {@code demo HTTP 401}: it walked the refusal path a first caller's token can meet. */
    public String outcome() {
        return outcome;
    }
}
