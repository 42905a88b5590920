package io.lakegate.connector.databricks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link WebClient.Builder} for outbound calls (REST and managed MCP). Boot 4 moved its WebClient
 * auto-configuration to {@code spring-boot-webclient}, which the reachable Maven mirror does not serve, so the
 * connector declares the builder itself, in the same prototype scope and with Boot's codec customizers (Jackson 3).
 * Cross-cutting outbound concerns (trace propagation, metrics) attach here with {@code builder.filter(...)}.
 */
@Configuration(proxyBeanMethods = false)
public class HttpClientConfiguration {

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    WebClient.Builder webClientBuilder(ObjectProvider<CodecCustomizer> codecCustomizers) {
        return WebClient.builder()
                .codecs(codecs -> codecCustomizers.orderedStream().forEach(customizer -> customizer.customize(codecs)));
    }
}
