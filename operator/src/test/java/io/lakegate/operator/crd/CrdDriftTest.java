package io.lakegate.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed crds/ must be exactly what the build generates from the Java model. */
class CrdDriftTest {
    private static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8");
    private static final Path COMMITTED = Path.of(System.getProperty("lakegate.crds.committedDir", "../crds"));

    @Test
    void committedCrdsMatchTheFreshlyGeneratedOnes() throws IOException {
        List<Path> generated = CrdPostProcessor.crdFiles(GENERATED);
        assertThat(generated)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("databricksworkspaces.lakegate.io-v1.yml", "mcpconnectors.lakegate.io-v1.yml");
        assertThat(CrdPostProcessor.crdFiles(COMMITTED))
                .extracting(p -> p.getFileName().toString())
                .as("CRD files in %s; refresh with: %s", COMMITTED, CrdPostProcessor.REFRESH_COMMAND)
                .containsExactlyElementsOf(
                        generated.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : generated) {
            String fresh = Files.readString(file, StandardCharsets.UTF_8);
            String committed = Files.readString(COMMITTED.resolve(file.getFileName()), StandardCharsets.UTF_8);
            assertThat(committed)
                    .as(
                            "%s differs from the CRD generated from the Java model; refresh with: %s",
                            COMMITTED.resolve(file.getFileName()), CrdPostProcessor.REFRESH_COMMAND)
                    .isEqualTo(fresh);
        }
    }

    @Test
    void postProcessingIsIdempotentAndFillsTheGeneratorGaps() throws IOException {
        String once = Files.readString(GENERATED.resolve("mcpconnectors.lakegate.io-v1.yml"), StandardCharsets.UTF_8);
        assertThat(CrdPostProcessor.process(once)).isEqualTo(once);
        assertThat(once)
                .contains(
                        "x-kubernetes-list-type: map",
                        "x-kubernetes-list-map-keys:\n                - type",
                        "- \"True\"\n                      - \"False\"\n                      - Unknown")
                .containsSubsequence("name: Ready", "name: Workspaces", "name: URL", "name: Age")
                .contains("status: {}");
    }
}
