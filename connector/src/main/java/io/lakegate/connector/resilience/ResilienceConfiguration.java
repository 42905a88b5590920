package io.lakegate.connector.resilience;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.lakegate.connector.telemetry.TracingExchangeFilter;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limits, breakers, bulkheads and the downstream WebClient filters: the protection library the tool pipeline's
 * limits stage and the front door's rate-limit filter use.
 */
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
    WorkspaceCircuitBreakers workspaceCircuitBreakers(
            DownstreamProperties props, Clock clock, LakegateTelemetry telemetry) {
        return new WorkspaceCircuitBreakers(props.getBreaker(), clock, telemetry);
    }

    @Bean
    UserBulkheads userBulkheads(DownstreamProperties props) {
        return new UserBulkheads(props.getBulkhead());
    }

    @Bean
    UserPacing userPacing(DownstreamProperties props) {
        return new UserPacing(props.getPacing(), Ticker.systemTicker());
    }

    @Bean
    static DownstreamWebClientFilters downstreamWebClientFilters(
            ObjectProvider<ResilientExchangeFilter> resilience, ObjectProvider<TracingExchangeFilter> tracing) {
        return new DownstreamWebClientFilters(resilience, tracing);
    }

    /** Register on every WebClient that talks to Databricks (REST and managed MCP), before the tracing filter. */
    @Bean
    ResilientExchangeFilter resilientExchangeFilter(
            DownstreamProperties props, WorkspaceCircuitBreakers breakers, Clock clock) {
        return new ResilientExchangeFilter(props, breakers, clock);
    }
}
