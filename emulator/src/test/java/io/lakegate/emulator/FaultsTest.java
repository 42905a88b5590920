package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultsTest {

    static DatabricksEmulator emu;
    static Http http;
    static String bob;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        http = new Http(emu.baseUrl());
        bob = emu.issueToken("bob@lakegate.dev");
    }

    @AfterEach
    void clear() {
        emu.faults().clear();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void tokensInUseCanBeExpiredInEachShapeDatabricksUses() {
        record Shape(io.lakegate.emulator.fault.TokenRejection rejection, int status, String code, String message) {}
        List<Shape> shapes = List.of(
                new Shape(
                        io.lakegate.emulator.fault.TokenRejection.UNAUTHENTICATED_401,
                        401,
                        "UNAUTHENTICATED",
                        "Token is expired."),
                new Shape(
                        io.lakegate.emulator.fault.TokenRejection.INVALID_ACCESS_TOKEN_403,
                        403,
                        "403",
                        "Invalid access token."),
                new Shape(io.lakegate.emulator.fault.TokenRejection.JWT_EXPIRED_403, 403, "403", "JWT has expired"),
                new Shape(
                        io.lakegate.emulator.fault.TokenRejection.EXPIRED_JWT_400,
                        400,
                        "400",
                        "Error while parsing token: io.jsonwebtoken.ExpiredJwtException: JWT expired at "));
        for (Shape shape : shapes) {
            String used = emu.issueToken("alice@lakegate.dev");
            assertThat(http.get("/api/2.0/preview/scim/v2/Me", used).status()).isEqualTo(200);
            emu.faults().expireTokensInUse(shape.rejection());
            Http.Response refused = http.get("/api/2.1/unity-catalog/catalogs", used);
            assertThat(refused.status()).as(shape.rejection().name()).isEqualTo(shape.status());
            assertThat(refused.body().get("error_code").asString()).isEqualTo(shape.code());
            assertThat(refused.body().get("error_code").isNumber())
                    .isEqualTo(!shape.code().equals("UNAUTHENTICATED"));
            assertThat(refused.body().get("message").asString()).startsWith(shape.message());
            // the same call again is refused again: only a token not in use before gets through
            assertThat(http.get("/api/2.1/unity-catalog/catalogs", used).status())
                    .isEqualTo(shape.status());
            String fresh = emu.issueToken("alice@lakegate.dev");
            assertThat(http.get("/api/2.1/unity-catalog/catalogs", fresh).status())
                    .isEqualTo(200);
            // also on the managed MCP servers, which share the workspace's authentication
            assertThat(http.post(
                                    "/api/2.0/mcp/sql",
                                    used,
                                    java.util.Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/list"))
                            .status())
                    .isEqualTo(shape.status());
            emu.faults().clear();
            assertThat(http.get("/api/2.1/unity-catalog/catalogs", used).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void throttleAnswers429WithRetryAfterForTheNextCalls() {
        emu.faults().throttle("GET /api/2.1/unity-catalog/catalogs", 2, Duration.ofSeconds(3));
        for (int i = 0; i < 2; i++) {
            Http.Response r = http.get("/api/2.1/unity-catalog/catalogs", bob);
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.body().get("error_code").asString()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
        }
        assertThat(http.get("/api/2.1/unity-catalog/catalogs", bob).status()).isEqualTo(200);
        assertThat(http.get("/api/2.1/unity-catalog/schemas?catalog_name=sales", bob)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void throttleWithoutRetryAfterOmitsTheHeader() {
        emu.faults().throttle("/api/2.0/sql/warehouses", 1, null);
        Http.Response r = http.get("/api/2.0/sql/warehouses", bob);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void errorRateIsDeterministic() {
        emu.faults().errorRate("GET /api/2.1/unity-catalog/*", 0.5, 503);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(http.get("/api/2.1/unity-catalog/catalogs", bob).status());
        }
        assertThat(statuses).containsExactly(200, 503, 200, 503);
        emu.faults().clear().errorRate("GET /api/2.0/genie/*", 1.0, 500);
        Http.Response r = http.get("/api/2.0/genie/spaces", bob);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body().get("error_code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(http.get("/api/2.1/unity-catalog/catalogs", bob).status()).isEqualTo(200);
    }

    @Test
    void errorRateCanAnswerWithAChosenErrorCode() {
        emu.faults().errorRate("GET /api/2.1/unity-catalog/entity-tag-assignments/*", 1.0, 404, "ENDPOINT_NOT_FOUND");
        Http.Response r = http.get("/api/2.1/unity-catalog/entity-tag-assignments/catalogs/sales/tags", bob);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().get("error_code").asString()).isEqualTo("ENDPOINT_NOT_FOUND");
        assertThat(http.get("/api/2.1/unity-catalog/catalogs", bob).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysTheAnswer() {
        emu.faults().latency("GET /api/2.0/preview/scim/v2/Me", Duration.ofMillis(400));
        long start = System.nanoTime();
        assertThat(http.get("/api/2.0/preview/scim/v2/Me", bob).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void faultsApplyToMcpEndpoints() {
        emu.faults().throttle("POST /api/2.0/mcp/sql", 1, Duration.ofSeconds(2));
        Http.Response r = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(emu.baseUrl() + "/api/2.0/mcp/sql"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                                        + "\"version\":\"1\"}}}")),
                bob);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void invalidRulesAreRejected() {
        assertThatThrownBy(() -> emu.faults().errorRate("GET /x", 1.5, 503))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.faults().errorRate("GET /x", 0.5, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.faults().latency("no-slash", Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.faults().throttle("GET /x", -1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
