package io.lakegate.connector.mcp;

import io.lakegate.connector.databricks.DatabricksCredentials;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Refuses to start when no {@link DatabricksCredentials} bean exists for the configured {@code lakegate.auth.mode}:
 * a connector that cannot obtain per-user Databricks tokens must not come up at all. Each identity mode contributes
 * its credentials bean conditionally on the property, so this check needs no list of modes.
 */
@Configuration(proxyBeanMethods = false)
public class AuthModeCheck {

    @Bean
    static BeanFactoryPostProcessor requireDatabricksCredentials() {
        return new RequireCredentials();
    }

    private static final class RequireCredentials implements BeanFactoryPostProcessor, EnvironmentAware {

        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(
                org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory) {
            if (beanFactory.getBeanNamesForType(DatabricksCredentials.class, true, false).length == 0) {
                throw new UnsupportedAuthModeException(environment.getProperty("lakegate.auth.mode"));
            }
        }
    }
}
