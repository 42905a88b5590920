package io.lakegate.connector.tools;

import io.lakegate.connector.audit.AuditTrail;
import io.lakegate.connector.dedup.DedupProperties;
import io.lakegate.connector.dedup.ReadDeduplicator;
import io.lakegate.connector.resilience.RateLimits;
import io.lakegate.connector.resilience.UserBulkheads;
import io.lakegate.connector.resilience.UserPacing;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The stages of the tool-call pipeline, in the order {@link ToolStages} gives them. */
@Configuration(proxyBeanMethods = false)
public class ToolPipelineConfiguration {

    @Bean
    ObservationStage observationStage(
            AuditTrail audit, LakegateTelemetry telemetry, ToolErrorMapper errors, Clock clock) {
        return new ObservationStage(audit, telemetry, errors, clock);
    }

    @Bean
    PacingStage pacingStage(UserPacing pacing, ToolErrorMapper errors) {
        return new PacingStage(pacing, errors);
    }

    @Bean
    ReadDeduplicator readDeduplicator(DedupProperties props, LakegateTelemetry telemetry) {
        return new ReadDeduplicator(props, telemetry);
    }

    @Bean
    SharedReadsStage sharedReadsStage(ReadDeduplicator dedup, List<LakegateTool> tools) {
        return new SharedReadsStage(dedup, tools);
    }

    @Bean
    LimitsStage limitsStage(RateLimits rateLimits, UserBulkheads bulkheads) {
        return new LimitsStage(rateLimits, bulkheads);
    }
}
