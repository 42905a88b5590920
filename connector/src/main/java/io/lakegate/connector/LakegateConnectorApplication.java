package io.lakegate.connector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the Lakegate MCP connector. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LakegateConnectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(LakegateConnectorApplication.class, args);
    }
}
