package io.lakegate.bench.profile;

import io.lakegate.bench.target.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Diagnostic commands to a JVM of the harness's own JDK ({@code jcmd <pid> <command>}), answered as text. */
final class Jcmd {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Jcmd() {}

    static String run(long pid, String... command) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        argv.add(Long.toString(pid));
        argv.addAll(List.of(command));
        return Commands.run(argv, TIMEOUT);
    }
}
