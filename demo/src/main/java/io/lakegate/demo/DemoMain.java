package io.lakegate.demo;

import io.lakegate.demo.check.SignInCheck;
import io.lakegate.demo.idp.DemoIdentityProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code ./lakegate-demo} runs besides the emulator and the connector:
 * <pre>
 *   idp   --host 127.0.0.1 --port N --audience api://lakegate --user 'alice@lakegate.dev=analyst ...' [--user ...]
 *   check --mcp-url http://127.0.0.1:8080/mcp --user alice@lakegate.dev
 * </pre>
 * {@code idp} serves until killed; {@code check} exits 0 when the user signed in and list_catalogs answered, else 1
 * with the step that failed on stderr.
 */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            usage();
        }
        if (args[0].equals("check")) {
            // the check's output is its steps and the tool's answer; the MCP client's own logging would bury them
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Map<String, List<String>> options = options(args);
        switch (args[0]) {
            case "idp" -> idp(options);
            case "check" ->
                System.exit(SignInCheck.run(one(options, "--mcp-url"), one(options, "--user"), System.out, System.err));
            default -> usage();
        }
    }

    private static void idp(Map<String, List<String>> options) throws InterruptedException {
        Map<String, String> users = new LinkedHashMap<>();
        for (String user : options.getOrDefault("--user", List.of())) {
            int eq = user.indexOf('=');
            users.put(eq < 0 ? user : user.substring(0, eq), eq < 0 ? "" : user.substring(eq + 1));
        }
        DemoIdentityProvider idp = DemoIdentityProvider.start(
                one(options, "--host"), Integer.parseInt(one(options, "--port")), one(options, "--audience"), users);
        Runtime.getRuntime().addShutdownHook(new Thread(idp::close));
        // the demo script waits for this line, then reads the endpoints from the discovery document
        System.out.println("issuer " + idp.issuer());
        new CountDownLatch(1).await();
    }

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("expected --option value, got " + args[i]);
            }
            options.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
        }
        return options;
    }

    private static String one(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        if (values == null || values.size() != 1) {
            fail(name + " is required once");
        }
        return values.get(0);
    }

    private static void usage() {
        fail("usage: DemoMain idp --host H --port N --audience AUD --user NAME=DESCRIPTION...\n"
                + "       DemoMain check --mcp-url URL --user NAME");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
