package io.lakegate.connector.oauth;

import io.lakegate.connector.oauth.store.DynamoDbTokenStore;
import io.lakegate.connector.oauth.store.InMemoryTokenStore;
import io.lakegate.connector.oauth.store.TokenStore;
import io.lakegate.connector.oauth.store.UpstreamTokenCipher;
import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The OAuth proxy's {@link TokenStore}, chosen by {@code lakegate.token-store.type}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lakegate.oauth-proxy.enabled", havingValue = "true")
public class TokenStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TokenStoreConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "lakegate.token-store.type", havingValue = "memory", matchIfMissing = true)
    TokenStore inMemoryTokenStore(TokenStoreProperties props) {
        log.warn("lakegate.token-store.type=memory: OAuth state lives in this replica only and is lost on restart");
        return new InMemoryTokenStore(Clock.systemUTC(), props.getMemoryMaxClients());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "lakegate.token-store.type", havingValue = "dynamodb")
    static class DynamoDb {

        @Bean(destroyMethod = "close")
        DynamoDbClient tokenStoreDynamoDbClient(TokenStoreProperties props) {
            DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(props.getRegion()));
            if (props.getEndpoint() != null && !props.getEndpoint().isBlank()) {
                builder.endpointOverride(URI.create(props.getEndpoint()));
            }
            return builder.build();
        }

        @Bean
        TokenStore dynamoDbTokenStore(DynamoDbClient tokenStoreDynamoDbClient, TokenStoreProperties props) {
            DynamoDbTokenStore store = new DynamoDbTokenStore(
                    tokenStoreDynamoDbClient,
                    props.getTable(),
                    UpstreamTokenCipher.fromBase64(props.getEncryptionKey()),
                    Clock.systemUTC());
            if (props.isCreateTable()) {
                store.createTableIfMissing();
            }
            return store;
        }
    }
}
