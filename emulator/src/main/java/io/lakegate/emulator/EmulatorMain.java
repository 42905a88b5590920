package io.lakegate.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * Standalone launcher: {@code java -cp ... io.lakegate.emulator.EmulatorMain [--port 8990] [--host 127.0.0.1]
 * [--page-size N] [--trust-issuer URL --trust-jwks URL --trust-audience AUD]}. Prints the base URL and one token per
 * seeded user, then serves until killed. The trust options accept an identity provider's JWTs as bearers and as
 * token-federation subject tokens, as a workspace's federation policy does.
 */
public final class EmulatorMain {

    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmulatorConfig config = EmulatorConfig.defaults();
        String trustIssuer = null;
        String trustJwks = null;
        String trustAudience = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("usage: EmulatorMain [--port N] [--host ADDR] [--page-size N]"
                        + " [--trust-issuer URL --trust-jwks URL --trust-audience AUD]");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--trust-issuer" -> trustIssuer = v;
                case "--trust-jwks" -> trustJwks = v;
                case "--trust-audience" -> trustAudience = v;
                default -> {}
            }
            if (a.startsWith("--trust-")) {
                continue;
            }
            config = switch (a) {
                case "--port" -> config.withPort(Integer.parseInt(v));
                case "--host" -> config.withHost(v);
                case "--page-size" -> config.withServerPageSize(Integer.parseInt(v));
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            };
        }
        if ((trustIssuer == null) != (trustJwks == null) || (trustIssuer == null) != (trustAudience == null)) {
            throw new IllegalArgumentException("--trust-issuer, --trust-jwks and --trust-audience go together");
        }
        DatabricksEmulator emu = DatabricksEmulator.start(config);
        if (trustIssuer != null) {
            emu.trustIssuer(trustIssuer, trustJwks, trustAudience);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emu.close();
                            stopped.countDown();
                        },
                        "emulator-shutdown"));
        System.out.println("Databricks emulator listening on " + emu.baseUrl());
        for (String user : emu.users()) {
            System.out.println("token " + user + " " + emu.issueToken(user));
        }
        System.out.flush();
        stopped.await();
    }
}
