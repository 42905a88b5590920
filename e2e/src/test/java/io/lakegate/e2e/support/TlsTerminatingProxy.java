package io.lakegate.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS front for a plain-HTTP test identity provider, as a TLS-terminating reverse proxy would be in production:
 * msal4j insists on an {@code https} authority, mock-oauth2-server speaks HTTP. Requests are forwarded with
 * {@code X-Forwarded-Proto: https} and {@code X-Forwarded-Port: <proxy port>}, which mock-oauth2-server honours, so its
 * discovery document and issued tokens name the https URL the client used. The certificate is self-signed for
 * {@code 127.0.0.1} and written to a trust store the connector process is told to trust. Counts token-endpoint POSTs.
 */
public final class TlsTerminatingProxy implements AutoCloseable {

    public static final String STORE_PASSWORD = "changeit";
    private static final Set<String> RESTRICTED =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding", "keep-alive");

    private final HttpsServer server;
    private final Path trustStore;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TlsTerminatingProxy(HttpsServer server, Path trustStore) {
        this.server = server;
        this.trustStore = trustStore;
    }

    /** Starts on 127.0.0.1 with an OS-chosen port in front of {@code upstream} (e.g. {@code http://127.0.0.1:1234}). */
    public static TlsTerminatingProxy start(String upstream, Path dir) {
        try {
            Path keyStore = dir.resolve("idp-tls.p12");
            Path certificate = dir.resolve("idp-tls.pem");
            Path trustStore = dir.resolve("idp-trust.p12");
            String keytool =
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Duration timeout = Duration.ofSeconds(60);
            check(ExternalCommand.run(
                    List.of(
                            keytool,
                            "-genkeypair",
                            "-alias",
                            "idp",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=127.0.0.1",
                            "-ext",
                            "SAN=ip:127.0.0.1",
                            "-validity",
                            "2",
                            "-keystore",
                            keyStore.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            STORE_PASSWORD),
                    dir,
                    java.util.Map.of(),
                    timeout));
            check(ExternalCommand.run(
                    List.of(
                            keytool,
                            "-exportcert",
                            "-rfc",
                            "-alias",
                            "idp",
                            "-keystore",
                            keyStore.toString(),
                            "-storepass",
                            STORE_PASSWORD,
                            "-file",
                            certificate.toString()),
                    dir,
                    java.util.Map.of(),
                    timeout));
            check(ExternalCommand.run(
                    List.of(
                            keytool,
                            "-importcert",
                            "-noprompt",
                            "-alias",
                            "idp",
                            "-file",
                            certificate.toString(),
                            "-keystore",
                            trustStore.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            STORE_PASSWORD),
                    dir,
                    java.util.Map.of(),
                    timeout));

            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
                keys.load(in, STORE_PASSWORD.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);

            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.setExecutor(Executors.newFixedThreadPool(4));
            TlsTerminatingProxy proxy = new TlsTerminatingProxy(server, trustStore);
            server.createContext("/", exchange -> proxy.forward(upstream, exchange));
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(ExternalCommand.Result result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("keytool failed: " + result.output());
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String origin() {
        return "https://127.0.0.1:" + port();
    }

    /** JVM options that make a Java process trust this proxy's certificate (and nothing else). */
    /** The PKCS12 trust store {@link #trustOptions()} names (a container needs it mounted at the same path). */
    public Path trustStore() {
        return trustStore;
    }

    public String trustOptions() {
        return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStoreType=PKCS12"
                + " -Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD;
    }

    /** Token-endpoint POSTs seen so far (the identity provider's exchange log). */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    private void forward(String upstream, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI target = URI.create(upstream
                    + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery()));
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Forwarded-Proto", "https")
                    .header("X-Forwarded-Port", Integer.toString(port()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            String method = exchange.getRequestMethod();
            request.method(
                    method,
                    body.length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if ("POST".equals(method) && target.getPath().endsWith("/token")) {
                tokenRequests.incrementAndGet();
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
