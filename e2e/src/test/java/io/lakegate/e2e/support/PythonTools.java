package io.lakegate.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real MCP clients from PyPI, each in its own virtual environment under ~/.cache/lakegate/python (created once, with
 * the pinned packages installed by pip from the registry), so a second run installs nothing.
 */
public final class PythonTools {

    /** The official Python SDK, whose {@code Client} speaks 2026-07-28, legacy and auto modes. */
    public static final String MCP_SDK = "mcp==2.3.0";
    /** fastmcp 4.x, built on the Python SDK 2.x (newest 4.x the registry served). */
    public static final String FASTMCP = "fastmcp==4.2.3";

    private PythonTools() {}

    /** The venv for {@code requirement} (e.g. {@code mcp==2.3.0}), created and filled on first use. */
    public static Path venv(String requirement, Duration timeout) {
        Path dir = Path.of(
                System.getProperty("user.home"), ".cache", "lakegate", "python", requirement.replace("==", "-"));
        Path marker = dir.resolve(".installed");
        if (Files.exists(marker)) {
            return dir;
        }
        ExternalCommand.Result created = ExternalCommand.run(
                List.of("python3", "-m", "venv", dir.toString()),
                dir.getParent() == null ? Path.of(".") : mkdirs(dir.getParent()),
                Map.of(),
                timeout);
        if (!created.succeeded()) {
            throw new IllegalStateException("python3 -m venv failed:\n" + created.output());
        }
        ExternalCommand.Result installed = ExternalCommand.run(
                List.of(
                        dir.resolve("bin/pip").toString(),
                        "install",
                        "--quiet",
                        "--disable-pip-version-check",
                        requirement),
                dir,
                Map.of(),
                timeout);
        if (!installed.succeeded()) {
            throw new IllegalStateException("pip install " + requirement + " failed:\n" + installed.output());
        }
        try {
            Files.writeString(marker, requirement + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Runs a script from the test resources ({@code /python/<name>}) with the venv's interpreter. */
    public static ExternalCommand.Result runScript(
            Path venv, String name, List<String> args, Map<String, String> env, Path workDir, Duration timeout) {
        Path script = workDir.resolve(name);
        try (InputStream in = PythonTools.class.getResourceAsStream("/python/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource /python/" + name);
            }
            Files.createDirectories(workDir);
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command =
                new ArrayList<>(List.of(venv.resolve("bin/python").toString(), script.toString()));
        command.addAll(args);
        return ExternalCommand.run(command, workDir, env, timeout);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
