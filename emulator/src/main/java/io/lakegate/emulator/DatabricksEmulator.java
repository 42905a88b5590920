package io.lakegate.emulator;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.auth.Authenticator;
import io.lakegate.emulator.auth.JwtAuthenticator;
import io.lakegate.emulator.auth.TokenStore;
import io.lakegate.emulator.fault.Faults;
import io.lakegate.emulator.fault.Switches;
import io.lakegate.emulator.genie.GenieOne;
import io.lakegate.emulator.genie.GenieRoutes;
import io.lakegate.emulator.genie.GenieService;
import io.lakegate.emulator.genie.GenieSpaces;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.http.RecordedRequest;
import io.lakegate.emulator.http.RequestLog;
import io.lakegate.emulator.http.RequestPipeline;
import io.lakegate.emulator.http.Responses;
import io.lakegate.emulator.mcp.ManagedMcpRoutes;
import io.lakegate.emulator.oauth.TokenEndpointRoutes;
import io.lakegate.emulator.scim.ScimRoutes;
import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.seed.SeedLoader;
import io.lakegate.emulator.sql.ExecutedWrite;
import io.lakegate.emulator.sql.SqlEngine;
import io.lakegate.emulator.sql.StatementRoutes;
import io.lakegate.emulator.sql.StatementService;
import io.lakegate.emulator.uc.EntityTagRoutes;
import io.lakegate.emulator.uc.Metastore;
import io.lakegate.emulator.uc.UcLookups;
import io.lakegate.emulator.uc.UnityCatalogRoutes;
import io.lakegate.emulator.warehouse.WarehouseRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Databricks workspace on a local port: Unity Catalog, SQL warehouses, Genie, SQL statements, SCIM Me, token
 * federation and the managed MCP servers, all answering as the bearer's user with that user's grants.
 *
 * <pre>{@code
 * try (DatabricksEmulator emu = DatabricksEmulator.start(EmulatorConfig.defaults())) {
 *   String token = emu.issueToken("alice@lakegate.dev");
 *   // GET emu.baseUrl() + "/api/2.1/unity-catalog/catalogs" with "Authorization: Bearer " + token
 * }
 * }</pre>
 */
public final class DatabricksEmulator implements AutoCloseable {

    /**
     * How long a Genie One response stays in each status before the next (SUBMITTED ... EXECUTING_QUERY): short, so a
     * client really polls several times, yet tests finish quickly.
     */
    public static final Duration GENIE_ONE_STEP = Duration.ofMillis(80);

    private final EmulatorConfig config;
    private final Seed seed;
    private final Metastore metastore;
    private final AccessPolicy access;
    private final TokenStore tokens;
    private final JwtAuthenticator jwts;
    private final Faults faults = new Faults();
    private final Switches switches = new Switches();
    private final RequestLog requestLog;
    private final Scheduler blocking;
    private final SqlEngine sql;
    private final ManagedMcpRoutes mcp;
    private final StatementService statements;
    private final DisposableServer server;

    private DatabricksEmulator(EmulatorConfig config) {
        Clock clock = Clock.systemUTC();
        this.config = config;
        this.seed = SeedLoader.load(config.seedResource());
        this.metastore = Metastore.fromSeed(seed);
        this.access = new AccessPolicy(seed);
        this.tokens = new TokenStore(clock);
        this.blocking = Schedulers.newBoundedElastic(8, 1000, "databricks-emulator-blocking", 60, true);
        this.jwts = new JwtAuthenticator(blocking);
        this.requestLog = new RequestLog(config.requestLogCapacity());
        int pageSize = config.serverPageSize() != null ? config.serverPageSize() : seed.serverPageSize();

        this.sql = new SqlEngine(seed, metastore, access, clock);
        this.statements = new StatementService(sql, blocking);
        WarehouseRoutes warehouses = new WarehouseRoutes(seed, access, switches);
        GenieService genie = new GenieService(new GenieSpaces(seed, access), access, statements, clock);
        String admin = access.users().stream()
                .filter(Seed.User::metastoreAdmin)
                .map(Seed.User::userName)
                .findFirst()
                .orElse("admin");
        GenieOne genieOne = new GenieOne(genie, access, switches, clock, GENIE_ONE_STEP);
        this.mcp = new ManagedMcpRoutes(
                genie, genieOne, statements, warehouses, access, seed.defaultCatalog(), seed.defaultSchema(), switches);
        RouterFunction<ServerResponse> api = new UnityCatalogRoutes(metastore, access, () -> pageSize)
                .routes()
                .and(new EntityTagRoutes(new UcLookups(metastore, access), () -> pageSize, switches).routes())
                .and(warehouses.routes())
                .and(new StatementRoutes(statements, warehouses, access, seed.defaultCatalog(), seed.defaultSchema())
                        .routes())
                .and(new GenieRoutes(genie, access, "/Workspace/Users/" + admin).routes())
                .and(new ScimRoutes(access).routes())
                .and(mcp.routes())
                .and(new TokenEndpointRoutes(jwts, tokens, access, config.tokenTtl(), clock).routes())
                .and(RouterFunctions.route(
                        RequestPredicates.all(),
                        req -> Responses.error(ApiException.notFound(
                                "ENDPOINT_NOT_FOUND",
                                "Endpoint not found for " + req.path().replaceFirst("^/api", "") + "."))));
        RouterFunction<ServerResponse> all = api.filter(
                new RequestPipeline(new Authenticator(tokens, access, jwts, faults, clock), faults, requestLog, clock));
        HttpHandler handler = RouterFunctions.toHttpHandler(all);
        this.server = HttpServer.create()
                .host(config.host())
                .port(config.port())
                .handle(new ReactorHttpHandlerAdapter(handler))
                .bindNow(Duration.ofSeconds(10));
    }

    /** Starts a server bound to {@code config.host()} (127.0.0.1 by default) on {@code config.port()} (0 = any free). */
    public static DatabricksEmulator start(EmulatorConfig config) {
        return new DatabricksEmulator(Objects.requireNonNull(config, "config"));
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return "http://" + config.host() + ":" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** An emulator bearer token for a seeded user, valid for {@link EmulatorConfig#tokenTtl()}. */
    public String issueToken(String userName) {
        return issueToken(userName, config.tokenTtl());
    }

    /** An emulator bearer token with its own lifetime (zero gives an already expired token, for 401 tests). */
    public String issueToken(String userName, Duration ttl) {
        if (!access.isKnownUser(userName)) {
            throw new IllegalArgumentException("not a user of this workspace: " + userName);
        }
        return tokens.issue(access.user(userName).userName(), ttl, "all-apis");
    }

    /**
     * Also accept JWTs from {@code issuer} (signature checked against {@code jwksUri}, {@code aud} must contain
     * {@code audience}, e.g. Azure Databricks' {@code 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d}), as bearers and as
     * token-exchange subject tokens.
     */
    public DatabricksEmulator trustIssuer(String issuer, String jwksUri, String audience) {
        jwts.trust(Objects.requireNonNull(issuer), Objects.requireNonNull(jwksUri), Objects.requireNonNull(audience));
        return this;
    }

    /**
     * A service-principal federation policy: a token exchange naming {@code client_id=applicationId} whose subject JWT
     * comes from {@code issuer} (signature checked against {@code jwksUri}), has {@code audience} in {@code aud} and
     * {@code subject} as {@code sub} (the workload identity) gets a token acting as that service principal, whatever user
     * the JWT names. The service principal joins the workspace under its application id (its Databricks user name) with
     * no grants or permissions, like a freshly created one: it sees no catalog, warehouse or Genie space. Exchanges
     * naming a client id without a matching policy get 400 {@code invalid_grant}. The issuer is trusted only for such
     * exchanges, not as bearers or for user exchanges. Several calls for one service principal add policies.
     */
    public DatabricksEmulator trustServicePrincipal(
            String applicationId, String issuer, String jwksUri, String audience, String subject) {
        access.addServicePrincipal(Objects.requireNonNull(applicationId));
        jwts.trustForServicePrincipal(
                applicationId,
                Objects.requireNonNull(issuer),
                Objects.requireNonNull(jwksUri),
                Objects.requireNonNull(audience),
                Objects.requireNonNull(subject));
        return this;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Workspace states for tests (warehouses stopped, entity-tag API disabled, Genie MCP text-only answers), per
     * instance; see {@link Switches}.
     */
    public Switches switches() {
        return switches;
    }

    /**
     * The seeded Strictly Confidential values (see {@link Seed#sciValues()}): a test asserts none of them appears in an
     * answer a connector gave.
     */
    public java.util.Set<String> sciValues() {
        return seed.sciValues();
    }

    /** The recorded requests, oldest first. */
    public List<RecordedRequest> requests() {
        return requestLog.snapshot();
    }

    /** Every write statement the SQL engine really executed (REST statements and the SQL MCP server), oldest first. */
    public List<ExecutedWrite> executedWrites() {
        return statements.executedWrites();
    }

    public void clearRequests() {
        requestLog.clear();
    }

    /** The seeded users' names. */
    public List<String> users() {
        return access.users().stream().map(Seed.User::userName).sorted().toList();
    }

    @Override
    public void close() {
        mcp.close();
        server.disposeNow(Duration.ofSeconds(5));
        blocking.dispose();
        sql.close();
    }
}
