package io.lakegate.operator.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.operator.Fixtures;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkspaceValidationTest {
    @Test
    void clientSecretMustExistWithItsKey() {
        var workspace = Fixtures.azureWorkspace("ns", "analytics", "entra");
        assertThat(WorkspaceValidation.validate(workspace, name -> Optional.empty()))
                .isEqualTo(new WorkspaceValidation(false, "SecretNotFound", "Secret entra not found"));
        assertThat(WorkspaceValidation.validate(
                        workspace, name -> Optional.of(Fixtures.secret("ns", name, Map.of("other", "x")))))
                .isEqualTo(
                        new WorkspaceValidation(false, "SecretKeyNotFound", "Secret entra has no key client-secret"));
        var ok = WorkspaceValidation.validate(
                workspace, name -> Optional.of(Fixtures.secret("ns", name, Map.of("client-secret", "s3cret"))));
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.message()).doesNotContain("s3cret");
    }

    @Test
    void federationWithoutSecretNeedsNothing() {
        var result = WorkspaceValidation.validate(Fixtures.federatedWorkspace("ns", "sales"), name -> {
            throw new AssertionError("no Secret lookup expected");
        });
        assertThat(result.accepted()).isTrue();
        assertThat(result.reason()).isEqualTo("Valid");
    }
}
