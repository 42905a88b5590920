package io.lakegate.bench.load;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** HTTP servers on 127.0.0.1 for the harness's client tests, and the pool the clients run their callbacks on. */
final class LoopbackServers implements AutoCloseable {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<HttpServer> servers = new ArrayList<>();

    /** Starts a server answering {@code path} with {@code handler}; returns its base URL. */
    String serve(String path, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(path, handler);
            server.start();
            servers.add(server);
            return "http://127.0.0.1:" + server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExecutorService pool() {
        return pool;
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        servers.clear();
        pool.shutdownNow();
    }
}
