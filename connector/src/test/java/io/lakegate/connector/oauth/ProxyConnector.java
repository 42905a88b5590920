package io.lakegate.connector.oauth;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connector serving the OAuth proxy on a port chosen beforehand (its issuer names its own URL), in front of the
 * mock upstream IdP, with an emulator as its workspace.
 */
final class ProxyConnector implements AutoCloseable {

    final DatabricksEmulator emulator;
    final MockUpstreamIdp idp;
    final ConnectorHarness app;
    final String issuer;

    private ProxyConnector(DatabricksEmulator emulator, MockUpstreamIdp idp, ConnectorHarness app, String issuer) {
        this.emulator = emulator;
        this.idp = idp;
        this.app = app;
        this.issuer = issuer;
    }

    /** {@code properties} are added to (and may override) the proxy's own. */
    static ProxyConnector start(Map<String, Object> properties) {
        DatabricksEmulator emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        MockUpstreamIdp idp = new MockUpstreamIdp();
        int port = MockUpstreamIdp.freePort();
        String issuer = "http://127.0.0.1:" + port;
        Map<String, Object> all = new LinkedHashMap<>(idp.proxyProperties(issuer, MockUpstreamIdp.newSigningKey()));
        all.put("server.port", port);
        all.putAll(properties);
        try {
            return new ProxyConnector(emulator, idp, ConnectorHarness.start(emulator, all), issuer);
        } catch (RuntimeException e) {
            idp.close();
            emulator.close();
            throw e;
        }
    }

    @Override
    public void close() {
        app.close();
        idp.close();
        emulator.close();
    }
}
