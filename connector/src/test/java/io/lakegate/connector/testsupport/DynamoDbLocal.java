package io.lakegate.connector.testsupport;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB Local in server mode, in memory, on a free port, with a client for it (any credentials are accepted). */
public final class DynamoDbLocal implements AutoCloseable {

    private DynamoDBProxyServer server;
    private final int port;
    private final DynamoDbClient client;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    public static DynamoDbLocal start() {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
            server.start();
            return new DynamoDbLocal(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    /**
     * Stops the server (clients get connection refused) and starts it again on the same port. An in-memory server
     * comes back empty; {@link #startOnDisk} keeps its tables across the restart, like a real outage.
     */
    public void stop() throws Exception {
        server.stop();
    }

    public void restart() throws Exception {
        server = ServerRunner.createServerFromCommandLineArgs(restartArgs);
        server.start();
    }

    private String[] restartArgs = new String[0];

    /** DynamoDB Local keeping its data in {@code directory}, so that a {@link #stop()} and {@link #restart()} keep it. */
    public static DynamoDbLocal startOnDisk(java.nio.file.Path directory) {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] args = {
            "-dbPath", directory.toString(), "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)
        };
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            DynamoDbLocal local = new DynamoDbLocal(server, port);
            local.restartArgs = args;
            return local;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }
}
