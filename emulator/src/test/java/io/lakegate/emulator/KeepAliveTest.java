package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request on a keep-alive connection is answered. A request that arrives while the previous exchange is still
 * running is queued by Reactor Netty; 1.3.7 answered the queued one and then stopped reading the connection, so the
 * next request waited forever (reactor/reactor-netty#4361, the 20 s stalls once seen in full test runs). Fails on
 * Reactor Netty 1.3.7, passes on 1.3.8.
 */
class KeepAliveTest {

    static DatabricksEmulator emu;
    static String bob;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        bob = emu.issueToken("bob@lakegate.dev");
        // the first request is still running when the second arrives behind it
        emu.faults().latency("GET /api/2.0/sql/warehouses", Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void theRequestAfterAQueuedOneIsAnswered() throws IOException {
        URI base = URI.create(emu.baseUrl());
        String slow = "GET /api/2.0/sql/warehouses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + bob + "\r\n\r\n";
        String fast = "GET /api/2.1/unity-catalog/catalogs HTTP/1.1\r\nHost: x\r\n\r\n"; // 401, answered at once
        for (int attempt = 0; attempt < 10; attempt++) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                out.write((slow + fast).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(readResponse(in)).as("attempt %d, first", attempt).isEqualTo(200);
                assertThat(readResponse(in)).as("attempt %d, queued", attempt).isEqualTo(401);
                out.write(fast.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(readResponse(in))
                        .as("attempt %d, the request after the queued one", attempt)
                        .isEqualTo(401);
            }
        }
    }

    /** Reads one response (headers, then a Content-Length or chunked body) and returns its status, -1 if none came. */
    private static int readResponse(BufferedReader in) throws IOException {
        String status;
        try {
            status = in.readLine();
        } catch (SocketTimeoutException e) {
            return -1;
        }
        if (status == null) {
            return -1;
        }
        long length = 0;
        boolean chunked = false;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(
                        lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(in.readLine().trim(), 16);
                    size > 0;
                    size = Long.parseLong(in.readLine().trim(), 16)) {
                skip(in, size);
                in.readLine();
            }
            in.readLine();
        } else {
            skip(in, length);
        }
        return Integer.parseInt(status.split(" ")[1]);
    }

    /** ISO-8859-1 maps each byte to one char, so a body of n bytes is n chars. */
    private static void skip(BufferedReader in, long chars) throws IOException {
        for (long left = chars; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                throw new IOException("connection closed inside a body");
            }
            left -= skipped;
        }
    }
}
