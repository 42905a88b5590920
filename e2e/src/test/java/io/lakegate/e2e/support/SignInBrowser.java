package io.lakegate.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lakegate.demo.check.Browser;
import io.lakegate.demo.check.SignInWalk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The user's browser for real MCP clients under test. A client that wants the user to sign in opens the authorization
 * URL with whatever hook it has (a redirect handler in its API, or the desktop's URL opener, which {@link #openerDir()}
 * replaces); the URL arrives here ({@code POST /open}), and a fresh browser (own cookie jar) walks the sign-in as the
 * user would: the connector's consent page, the identity provider's sign-in page, every redirect in between
 * ({@link SignInWalk}, shared with {@code lakegate-demo --check}). It stops at the redirect back to the client's
 * redirect URI and either loads it, as a browser does, so the client's own loopback listener gets the code
 * ({@code ?deliver=1}), or returns it to a client whose hook takes the code itself.
 */
public final class SignInBrowser implements AutoCloseable {

    /** One sign-in as this browser walked it. */
    public record SignIn(String redirectUri, List<String> steps, URI back, int deliveredStatus, String failure) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final String user;
    private final List<SignIn> signIns = new CopyOnWriteArrayList<>();
    private final HttpClient callbackClient = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Path openerDir;

    /** @param user whom the browser signs in as on the identity provider's page */
    public SignInBrowser(String user, Path workDir) {
        this.user = user;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/open", this::open);
            server.setExecutor(workers);
            server.start();
            openerDir = Files.createDirectories(workDir.resolve("browser-bin"));
            writeOpener();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where this browser takes URLs: {@code POST} the URL as the body; {@code ?deliver=1} to load the callback. */
    public String openUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/open";
    }

    /**
     * A directory to put first on a client's {@code PATH} (and whose {@code xdg-open} to name in {@code BROWSER}): its
     * {@code xdg-open}, {@code open} and {@code www-browser} hand the last argument to this browser in the background
     * and return at once, as a desktop's URL opener does, so a client that waits for its opener cannot deadlock.
     */
    public Path openerDir() {
        return openerDir;
    }

    /** The environment that makes a client's "open the browser" reach this one. */
    public Map<String, String> openerEnvironment() {
        return Map.of(
                "PATH",
                openerDir + ":" + System.getenv("PATH"),
                "BROWSER",
                openerDir.resolve("xdg-open").toString());
    }

    public List<SignIn> signIns() {
        return new ArrayList<>(signIns);
    }

    private void writeOpener() throws IOException {
        String script = """
                #!/bin/sh
                # the test's stand-in for a desktop URL opener: hands the URL (last argument) to SignInBrowser
                for url in "$@"; do :; done
                curl -s -m 120 -o /dev/null --data-binary "$url" '%s?deliver=1' </dev/null >/dev/null 2>&1 &
                exit 0
                """.formatted(openUrl());
        for (String name : List.of("xdg-open", "open", "www-browser")) {
            Path file = openerDir.resolve(name);
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void open(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "POST the URL to open");
                return;
            }
            URI authorize =
                    URI.create(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim());
            boolean deliver = "deliver=1".equals(exchange.getRequestURI().getRawQuery());
            SignIn signIn = walk(authorize, deliver);
            signIns.add(signIn);
            if (signIn.succeeded()) {
                reply(exchange, 200, signIn.back().toString());
            } else {
                reply(exchange, 502, signIn.failure());
            }
        }
    }

    private SignIn walk(URI authorize, boolean deliver) {
        String redirectUri = queryParameter(authorize, "redirect_uri");
        List<String> steps = new CopyOnWriteArrayList<>();
        if (redirectUri == null) {
            return new SignIn(null, steps, null, 0, "the URL to open has no redirect_uri: " + authorize);
        }
        try {
            URI back = SignInWalk.walk(new Browser(), authorize, user, redirectUri, steps::add, form -> {});
            int delivered = 0;
            if (deliver) {
                delivered = deliver(back);
                steps.add("delivered the callback to the client: HTTP " + delivered);
            }
            return new SignIn(redirectUri, steps, back, delivered, null);
        } catch (RuntimeException | IOException e) {
            return new SignIn(redirectUri, steps, null, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SignIn(redirectUri, steps, null, 0, "interrupted");
        }
    }

    /**
     * Loads the redirect back to the client. Some clients (fastmcp) start their loopback listener only after the
     * opener returned, and a person takes seconds where this walk takes milliseconds: a refused connection is retried
     * for a bounded time, any answer is final.
     */
    private int deliver(URI back) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(back)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html")
                .GET()
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                return callbackClient
                        .send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (java.net.ConnectException e) {
                if (attempt >= 40) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    static String queryParameter(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && name.equals(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
