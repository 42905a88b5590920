package io.lakegate.connector.resilience;

import io.lakegate.connector.mcp.McpRateLimitFilter;
import io.lakegate.connector.tools.ProtectionToolInterceptor;
import io.lakegate.connector.tools.ProtectedToolCalls;
import java.time.Clock;
import java.util.List;

import io.lakegate.connector.audit.AuditTrail;
import io.lakegate.connector.dedup.DedupProperties;
import io.lakegate.connector.dedup.ReadDeduplicator;
import io.lakegate.connector.mcp.McpCallerResolver;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.lakegate.connector.telemetry.TracingExchangeFilter;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolErrorMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Rate limits, dedup, breakers, bulkheads, the tool-call pipeline stage and the downstream WebClient filters. */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RateLimits rateLimits(RateLimitProperties props, LakegateTelemetry telemetry) {
        return new RateLimits(props, scope -> telemetry.rateLimitRejected(scope.name()));
    }

    @Bean
    WorkspaceCircuitBreakers workspaceCircuitBreakers(DownstreamProperties props, Clock clock,
            LakegateTelemetry telemetry) {
        return new WorkspaceCircuitBreakers(props.getBreaker(), clock, telemetry);
    }

    @Bean
    UserBulkheads userBulkheads(DownstreamProperties props) {
        return new UserBulkheads(props.getBulkhead());
    }

    @Bean
    ReadDeduplicator readDeduplicator(DedupProperties props, LakegateTelemetry telemetry) {
        return new ReadDeduplicator(props, telemetry);
    }

    @Bean
    ProtectedToolCalls protectedToolCalls(RateLimits rateLimits, UserBulkheads bulkheads, ReadDeduplicator dedup,
            AuditTrail audit, LakegateTelemetry telemetry, Clock clock) {
        return new ProtectedToolCalls(rateLimits, bulkheads, dedup, audit, telemetry, clock);
    }

    @Bean
    ProtectionToolInterceptor protectionToolInterceptor(ProtectedToolCalls protection, ToolErrorMapper errors,
            List<LakegateTool> tools) {
        return new ProtectionToolInterceptor(protection, errors, tools);
    }

    @Bean
    static DownstreamWebClientFilters downstreamWebClientFilters(ObjectProvider<ResilientExchangeFilter> resilience,
            ObjectProvider<TracingExchangeFilter> tracing) {
        return new DownstreamWebClientFilters(resilience, tracing);
    }

    /** Register on every WebClient that talks to Databricks (REST and managed MCP), before the tracing filter. */
    @Bean
    ResilientExchangeFilter resilientExchangeFilter(DownstreamProperties props, WorkspaceCircuitBreakers breakers,
            Clock clock) {
        return new ResilientExchangeFilter(props, breakers, clock);
    }

    @Bean
    IdentityCallGuard identityCallGuard(DownstreamProperties props, LakegateTelemetry telemetry) {
        return new IdentityCallGuard(props, telemetry);
    }

    @Bean
    McpRateLimitFilter mcpRateLimitFilter(RateLimits rateLimits, McpCallerResolver callers,
            @Value("${spring.ai.mcp.server.streamable-http.mcp-endpoint:/mcp}") String mcpPath) {
        return new McpRateLimitFilter(mcpPath, rateLimits, callers);
    }
}
