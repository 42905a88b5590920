package io.lakegate.bench.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The connector image under daemonless podman with runc (crun refuses these hosts), storage in the shared cache. The
 * image is loaded from the tar the build wrote and run by its id, so the container runs exactly those bytes.
 */
final class PodmanImage {

    private static final Path STORAGE =
            Path.of(System.getProperty("user.home"), ".cache", "lakegate", "podman", "bench");
    private static final long COMMAND_SECONDS = 300;

    private PodmanImage() {}

    /** Loads {@code tar} and returns the image id Jib wrote next to it. */
    static String load(Path tar) {
        String id;
        try {
            id = Files.readString(tar.resolveSibling("jib-image.id"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no image id next to " + tar + ": build the image (without -DskipImages)", e);
        }
        run(List.of("load", "--quiet", "--input", tar.toString()));
        return id;
    }

    /**
     * {@code podman run} in the foreground (the caller's process lives as long as the container); the container is
     * kept after it ends so that its OOM-kill flag can be read, then {@link #remove}d.
     */
    static List<String> runCommand(String name, List<String> options, String image, List<String> args) {
        List<String> command = new ArrayList<>(base());
        command.addAll(List.of(
                "run",
                "--name",
                name,
                "--network=host",
                "--pull=never",
                // podman's default rlimits (1048576 open files) are refused in this sandbox: this process's hard limit
                "--ulimit",
                "nofile=" + hardOpenFiles() + ":" + hardOpenFiles(),
                "--ulimit",
                "nproc=4096:4096"));
        command.addAll(options);
        command.add(image);
        command.addAll(args);
        return command;
    }

    private static String hardOpenFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    // "Max open files            1024                 524288               files"
                    String[] f =
                            line.substring("Max open files".length()).trim().split("\\s+");
                    return f[1];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no 'Max open files' in /proc/self/limits");
    }

    /** Host pid of the container's first process, the JVM (the image's entrypoint is java). */
    static long pid(String name) {
        return Long.parseLong(
                run(List.of("inspect", "--format", "{{.State.Pid}}", name)).strip());
    }

    /** Whether the kernel's OOM killer ended the container, as podman recorded it; empty once it is removed. */
    static String state(String name) {
        return run(List.of(
                        "inspect",
                        "--format",
                        "{{.State.Status}} oom={{.State.OOMKilled}} exit={{.State.ExitCode}}",
                        name))
                .strip();
    }

    static void remove(String name) {
        try {
            run(List.of("rm", "--force", "--ignore", "--time", "10", name));
        } catch (IllegalStateException e) {
            // already gone: --rm removed it when the process ended
        }
    }

    private static String run(List<String> args) {
        List<String> command = new ArrayList<>(base());
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("podman " + String.join(" ", args) + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        "podman " + String.join(" ", args) + " failed (exit " + p.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "podman is required for the container phase (scripts/container-runtime.sh)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> base() {
        return List.of(
                "podman",
                "--runtime",
                "runc",
                "--root",
                STORAGE.resolve("storage").toString(),
                "--runroot",
                STORAGE.resolve("run").toString(),
                "--storage-driver",
                "overlay",
                "--cgroup-manager",
                "cgroupfs",
                "--events-backend",
                "file");
    }
}
