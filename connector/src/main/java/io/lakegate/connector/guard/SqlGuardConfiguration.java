package io.lakegate.connector.guard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/** One {@link SqlGuard} per connector process (stateless; the grammar's DFA cache is shared by all parses). */
@Configuration(proxyBeanMethods = false)
public class SqlGuardConfiguration {

    @Bean
    public SqlGuard sqlGuard() {
        SqlGuard guard = new SqlGuard();
        // the grammar's first use deserialises its ATN and fills the DFA cache (seconds on a busy node): do it now,
        // off the startup path, rather than in a user's first proxy_to_sql call
        Schedulers.boundedElastic().schedule(guard::warmUp);
        return guard;
    }
}
