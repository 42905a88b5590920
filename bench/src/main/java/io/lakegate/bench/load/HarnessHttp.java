package io.lakegate.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The JDK HttpClient every raw-HTTP client of the harness runs on: HTTP/1.1 with keep-alive, as the SDK transport. */
public final class HarnessHttp {

    private HarnessHttp() {}

    public static HttpClient client(Executor executor) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }
}
