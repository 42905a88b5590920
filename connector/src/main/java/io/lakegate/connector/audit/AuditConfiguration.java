package io.lakegate.connector.audit;

import io.lakegate.connector.telemetry.LakegateTelemetry;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Wires the audit sink chosen by {@code lakegate.audit.sink} and the trail that drains into it. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(AuditSink sink, AuditProperties props, LakegateTelemetry telemetry) {
        return new AuditTrail(sink, props, telemetry);
    }

    @Bean
    @ConditionalOnMissingBean(AuditSink.class)
    @ConditionalOnProperty(name = "lakegate.audit.sink", havingValue = "log", matchIfMissing = true)
    AuditSink jsonLogAuditSink() {
        return new JsonLogAuditSink();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "lakegate.audit.sink", havingValue = "dynamodb")
    static class DynamoDb {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(name = "auditDynamoDbClient")
        DynamoDbClient auditDynamoDbClient(AuditProperties props) {
            AuditProperties.DynamoDb d = props.getDynamodb();
            DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(d.getRegion()));
            if (d.getEndpoint() != null && !d.getEndpoint().isBlank()) {
                builder.endpointOverride(URI.create(d.getEndpoint()));
            }
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean(AuditSink.class)
        AuditSink dynamoDbAuditSink(DynamoDbClient auditDynamoDbClient, AuditProperties props) {
            AuditProperties.DynamoDb d = props.getDynamodb();
            DynamoDbAuditSink sink = new DynamoDbAuditSink(auditDynamoDbClient, d.getTable(), d.getRetention());
            if (d.isCreateTable()) {
                sink.createTableIfMissing();
            }
            return sink;
        }
    }
}
