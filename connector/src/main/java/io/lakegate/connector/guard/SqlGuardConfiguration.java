package io.lakegate.connector.guard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link SqlGuard} (and its parser pool) per connector process. */
@Configuration(proxyBeanMethods = false)
public class SqlGuardConfiguration {

    @Bean
    public SqlGuard sqlGuard() {
        return new SqlGuard();
    }
}
