package io.lakegate.connector.guard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link SqlGuard} per connector process (stateless; the grammar's DFA cache is shared by all parses). */
@Configuration(proxyBeanMethods = false)
public class SqlGuardConfiguration {

    @Bean
    public SqlGuard sqlGuard() {
        return new SqlGuard();
    }
}
