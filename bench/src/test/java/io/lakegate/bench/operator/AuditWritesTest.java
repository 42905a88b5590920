package io.lakegate.bench.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditWritesTest {

    private static String record(String stage, String verb, String resource, String sub, String agent) {
        return "{\"stage\":\"" + stage + "\",\"verb\":\"" + verb + "\",\"userAgent\":\"" + agent + "\","
                + "\"objectRef\":{\"resource\":\"" + resource + "\",\"subresource\":\"" + sub
                + "\",\"namespace\":\"ns\","
                + "\"name\":\"x\"},\"responseStatus\":{\"code\":200}}\n";
    }

    @Test
    void countsCompletedWritesAfterAnOffsetAndLeavesOthersOut(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        AuditWrites audit = new AuditWrites(log);
        assertThat(audit.end()).isZero();
        Files.writeString(
                log, record("ResponseComplete", "create", "deployments", "", "fabric8-kubernetes-client/7.6.1"));
        long mark = audit.end();
        Files.writeString(
                log,
                record("ResponseComplete", "patch", "mcpconnectors", "status", "fabric8-kubernetes-client/7.6.1")
                        + record("ResponseComplete", "create", "mcpconnectors", "", OperatorScale.BENCH_USER_AGENT)
                        + record(
                                "ResponseComplete", "update", "deployments", "status", DeploymentStatusFaker.USER_AGENT)
                        + record("ResponseComplete", "update", "leases", "", "kube-apiserver/v1.35.4")
                        + record("ResponseStarted", "patch", "configmaps", "", "fabric8-kubernetes-client/7.6.1")
                        + "{\"stage\":\"ResponseComplete\"",
                java.nio.file.StandardOpenOption.APPEND);

        List<AuditWrites.Write> writes = audit.since(mark, OperatorScale::byOperator);

        assertThat(writes)
                .extracting(AuditWrites.Write::toString)
                .containsExactly("patch mcpconnectors/status ns/x -> 200");
    }
}
