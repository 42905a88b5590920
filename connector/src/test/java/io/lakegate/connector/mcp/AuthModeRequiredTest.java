package io.lakegate.connector.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lakegate.connector.LakegateConnectorApplication;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The connector never starts without an identity mode named explicitly: in particular the development mode, which
 * uses client tokens as Databricks tokens, is never a default or a fallback.
 */
class AuthModeRequiredTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "dev", "none", "oauth2", "dev-token"})
    void unknownOrMissingModeRefusesToStart(String mode) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(LakegateConnectorApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--lakegate.auth.mode=" + mode,
                        "--lakegate.workspaces.json={\"workspaces\":[{\"name\":\"w\",\"host\":\"http://127.0.0.1:9\","
                                + "\"identity\":{\"mode\":\"dev-token\"}}]}"));
        assertThat(Stream.iterate(failure, Objects::nonNull, Throwable::getCause))
                .as("startup failure for mode '%s'", mode)
                .anyMatch(UnsupportedAuthModeException.class::isInstance);
    }
}
