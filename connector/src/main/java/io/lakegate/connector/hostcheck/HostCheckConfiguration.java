package io.lakegate.connector.hostcheck;

import io.lakegate.connector.mcp.McpHttpProperties;
import io.lakegate.connector.mcp.McpTransportProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@code Host} check of every path. Its inputs: the public URLs the connector is configured with
 * ({@code lakegate.oauth-proxy.issuer} and {@code .resource}, {@code lakegate.auth.resource} and
 * {@code .audience} when they are URLs), {@code lakegate.mcp.allowed-hosts} (other names clients use, e.g. an
 * in-cluster Service name) and {@code server.address}.
 */
@Configuration(proxyBeanMethods = false)
public class HostCheckConfiguration {

    @Bean
    HostHeaderFilter hostHeaderFilter(Environment env, McpHttpProperties http, McpTransportProperties transport) {
        List<String> urls = new ArrayList<>();
        for (String property : List.of(
                "lakegate.oauth-proxy.issuer",
                "lakegate.oauth-proxy.resource",
                "lakegate.auth.resource",
                "lakegate.auth.audience")) {
            String value = env.getProperty(property);
            if (value != null && (value.startsWith("https://") || value.startsWith("http://"))) {
                urls.add(value);
            }
        }
        return new HostHeaderFilter(
                AllowedHosts.of(urls, http.allowedHosts(), env.getProperty("server.address")),
                env.getProperty("spring.ai.mcp.server.streamable-http.mcp-endpoint", "/mcp"),
                transport.getMaxRequestBytes());
    }
}
