package io.lakegate.connector.it;

import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;

/**
 * One Databricks emulator for the whole test JVM, so every integration test class shares one Spring context (the
 * context's properties point at this emulator). Faults are cleared after each test by {@link ConnectorIntegrationTest}.
 */
final class SharedEmulator {

    private static DatabricksEmulator emulator;

    private SharedEmulator() {}

    static synchronized DatabricksEmulator get() {
        if (emulator == null) {
            emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
        }
        return emulator;
    }
}
