package io.lakegate.connector.resilience;

import io.lakegate.connector.telemetry.TracingExchangeFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the downstream filters to every {@link WebClient.Builder} bean, ahead of any filter the client adds itself:
 * the resilience filter outermost (timeouts, breaker, retries), the tracing filter inside it (one CLIENT span and one
 * {@code traceparent} per attempt). Clients built with {@code builder.clone()} inherit both.
 */
public class DownstreamWebClientFilters implements BeanPostProcessor {

    private final ObjectProvider<ResilientExchangeFilter> resilience;
    private final ObjectProvider<TracingExchangeFilter> tracing;

    public DownstreamWebClientFilters(
            ObjectProvider<ResilientExchangeFilter> resilience, ObjectProvider<TracingExchangeFilter> tracing) {
        this.resilience = resilience;
        this.tracing = tracing;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof WebClient.Builder builder) {
            builder.filters(filters -> {
                filters.add(0, tracing.getObject());
                filters.add(0, resilience.getObject());
            });
        }
        return bean;
    }
}
