package io.lakegate.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short-lived tools the harness runs to completion (jcmd, a jar's extract): their output, or why there is none. */
public final class Commands {

    private Commands() {}

    /** Runs {@code argv} with stdin closed and stderr merged into the answer; fails on a timeout or a non-zero exit. */
    public static String run(List<String> argv, Duration timeout) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " timed out after " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", argv) + " failed (exit " + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + argv.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv.get(0), e);
        }
    }
}
