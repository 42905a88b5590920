package io.lakegate.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real container runtime for the images the build produced: daemonless podman with runc (crun refuses this kind of
 * host). Its storage is under {@code ~/.cache/lakegate/podman}, one per checkout: loaded layers are reused between runs,
 * and a checkout's new build replacing its image (same tag) leaves the old one untagged, which {@link #load} then
 * removes; images of other checkouts, which may be about to run, are never touched.
 * {@code scripts/container-runtime.sh} (run by the e2e build) installs both from Debian on a fresh machine.
 */
public final class Podman {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(180);
    private static final Path STORAGE = Path.of(
            System.getProperty("user.home"),
            ".cache",
            "lakegate",
            "podman",
            "checkout-"
                    + Integer.toHexString(
                            Path.of("").toAbsolutePath().normalize().toString().hashCode()));

    private Podman() {}

    /** The image tar one module's build wrote ({@code <module>/target/jib-image.tar}), as the e2e pom passes it. */
    public static Path imageTar(String module) {
        String tar = System.getProperty("lakegate.image." + module);
        if (tar == null || !Files.isRegularFile(Path.of(tar))) {
            throw new IllegalStateException("no " + module + " image at " + tar
                    + ": build it first (the images profile, on unless -DskipImages)");
        }
        return Path.of(tar);
    }

    /**
     * Loads an OCI image tar and returns its image id (the config digest, which Jib also wrote next to the tar): the
     * container then runs exactly those bytes, never an older image under the same tag.
     */
    public static String load(Path imageTar) {
        String id;
        try {
            id = Files.readString(imageTar.resolveSibling("jib-image.id"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no image id next to " + imageTar, e);
        }
        run(List.of("load", "--quiet", "--input", imageTar.toString()));
        // earlier builds of this checkout, untagged by this load; images in use by a container stay
        run(List.of("image", "prune", "--force"));
        String loaded =
                run(List.of("image", "inspect", "--format", "{{.Id}}", id)).strip();
        if (!id.equals("sha256:" + loaded) && !id.equals(loaded)) {
            throw new IllegalStateException("loaded " + loaded + ", expected " + id);
        }
        return id;
    }

    /** The image's config as podman sees it (a Go template over {@code podman image inspect}). */
    public static String inspectImage(String id, String format) {
        return run(List.of("image", "inspect", "--format", format, id)).strip();
    }

    /**
     * The {@code podman run} command for a container in the foreground under the given name, on the host's network (the
     * test's servers listen on 127.0.0.1), with the runtime's options first; {@code options} are the pod's settings.
     */
    public static List<String> runCommand(String name, List<String> options, String image, List<String> args) {
        List<String> command = new ArrayList<>(base());
        command.addAll(List.of(
                "run",
                "--rm",
                "--name",
                name,
                "--network=host",
                "--pull=never",
                // podman's default rlimits (1048576 open files) are refused in this sandbox: the host's hard limits
                "--ulimit",
                "nofile=" + hardLimit("Max open files"),
                "--ulimit",
                "nproc=4096:4096"));
        command.addAll(options);
        command.add(image);
        command.addAll(args);
        return command;
    }

    /** Runs a {@link #runCommand} to its end and returns how it went (for containers expected to fail). */
    public static ExternalCommand.Result runToEnd(List<String> runCommand) {
        return ExternalCommand.run(runCommand, Path.of("."), Map.of(), COMMAND_TIMEOUT);
    }

    /** The host pid of the container's first process: the JVM, since the image's entrypoint is {@code java}. */
    public static long pid(String name) {
        return Long.parseLong(
                run(List.of("inspect", "--format", "{{.State.Pid}}", name)).strip());
    }

    /** Stops and removes the container if it is still there (a killed {@code podman run} leaves it to conmon). */
    public static void remove(String name) {
        List<String> command = new ArrayList<>(base());
        command.addAll(List.of("rm", "--force", "--ignore", "--time", "10", name));
        ExternalCommand.run(command, Path.of("."), Map.of(), COMMAND_TIMEOUT);
    }

    private static String run(List<String> args) {
        List<String> command = new ArrayList<>(base());
        command.addAll(args);
        ExternalCommand.Result result = ExternalCommand.run(command, Path.of("."), Map.of(), COMMAND_TIMEOUT);
        if (!result.succeeded()) {
            throw new IllegalStateException("podman " + String.join(" ", args) + " failed ("
                    + (result.timedOut() ? "timed out" : "exit " + result.exitCode()) + "):\n" + result.output());
        }
        return result.output();
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

    /** {@code soft:hard} of one of this process's resource limits, both set to the hard limit. */
    private static String hardLimit(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith(name)) {
                    Matcher m =
                            Pattern.compile("\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s*$").matcher(line.substring(name.length()));
                    if (m.find()) {
                        return m.group(2) + ":" + m.group(2);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no '" + name + "' in /proc/self/limits");
    }
}
