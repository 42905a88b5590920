package io.lakegate.emulator.access;

import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.uc.UcCatalog;
import io.lakegate.emulator.uc.UcSchema;
import io.lakegate.emulator.uc.UcTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Unity Catalog privilege evaluation. A privilege granted on a catalog covers its schemas and tables, one granted on a
 * schema covers its tables (UC's privilege inheritance). Using a schema needs USE_CATALOG on its catalog and USE_SCHEMA;
 * reading a table needs both plus SELECT. Metastore admins and object owners pass every check. Also holds the workspace
 * permissions on warehouses (CAN_USE) and Genie spaces (CAN_RUN).
 */
public final class AccessPolicy {

    public static final String USE_CATALOG = "USE_CATALOG";
    public static final String USE_SCHEMA = "USE_SCHEMA";
    public static final String SELECT = "SELECT";
    public static final String MODIFY = "MODIFY";
    public static final String CREATE_TABLE = "CREATE_TABLE";

    private final Map<String, Seed.User> users = new ConcurrentHashMap<>();
    private final Map<String, Seed.User> servicePrincipals = new ConcurrentHashMap<>();
    private final List<Seed.Grant> grants = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> warehouseUsers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> spaceRunners = new ConcurrentHashMap<>();

    public AccessPolicy(Seed seed) {
        for (Seed.User u : seed.users()) {
            users.put(norm(u.userName()), u);
        }
        grants.addAll(seed.grants());
        for (Seed.Warehouse w : seed.warehouses()) {
            warehouseUsers.put(w.id(), normSet(w.canUse()));
        }
        for (Seed.GenieSpace s : seed.genieSpaces()) {
            spaceRunners.put(s.spaceId(), normSet(s.canRun()));
        }
    }

    private static Set<String> normSet(List<String> names) {
        return Set.copyOf(names.stream().map(AccessPolicy::norm).toList());
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** A seeded user or a registered service principal: a principal that may call the workspace. */
    public boolean isKnownUser(String userName) {
        return users.containsKey(norm(userName)) || servicePrincipals.containsKey(norm(userName));
    }

    public Seed.User user(String userName) {
        Seed.User u = users.get(norm(userName));
        if (u == null) {
            u = servicePrincipals.get(norm(userName));
        }
        if (u == null) {
            throw new IllegalArgumentException("unknown user " + userName);
        }
        return u;
    }

    /**
     * Adds a workspace service principal named by its application id (Databricks' user name for service principals, also
     * what UC grants name). It starts with no grants and no warehouse or Genie permission, like a freshly created one,
     * so it sees no catalog, warehouse or space. Idempotent.
     */
    public Seed.User addServicePrincipal(String applicationId) {
        if (users.containsKey(norm(applicationId))) {
            throw new IllegalArgumentException("a user is already named " + applicationId);
        }
        return servicePrincipals.computeIfAbsent(
                norm(applicationId),
                k -> new Seed.User(
                        applicationId, applicationId, null, null, numericId(applicationId), List.of(), false));
    }

    public boolean isServicePrincipal(String userName) {
        return servicePrincipals.containsKey(norm(userName));
    }

    /** SCIM ids are numeric strings (Genie reports them as numbers); derived from the name so they are stable. */
    private static String numericId(String name) {
        long bits = UUID.nameUUIDFromBytes(("sp:" + name).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
        return Long.toString(1_000_000_000_000_000L + Math.floorMod(bits, 9_000_000_000_000_000L));
    }

    /** The seeded users (service principals excluded). */
    public List<Seed.User> users() {
        return List.copyOf(users.values());
    }

    public boolean isAdmin(String user) {
        Seed.User u = users.get(norm(user));
        return u != null && u.metastoreAdmin();
    }

    /** True if {@code privilege} is granted to {@code user} on {@code fullName} or on one of its parents. */
    public boolean has(String user, String privilege, String fullName) {
        String target = norm(fullName);
        for (Seed.Grant g : grants) {
            if (!norm(g.principal()).equals(norm(user)) || !g.privileges().contains(privilege)) {
                continue;
            }
            String on = norm(g.securableName());
            if (target.equals(on) || target.startsWith(on + ".")) {
                return true;
            }
        }
        return false;
    }

    private boolean owns(String user, String owner) {
        return owner != null && norm(owner).equals(norm(user));
    }

    public boolean canUseCatalog(String user, UcCatalog c) {
        return isAdmin(user) || owns(user, c.owner()) || has(user, USE_CATALOG, c.name());
    }

    public boolean canUseCatalog(String user, String catalogName) {
        return isAdmin(user) || has(user, USE_CATALOG, catalogName);
    }

    public boolean canUseSchema(String user, UcSchema s) {
        return canUseCatalog(user, s.catalogName())
                && (isAdmin(user) || owns(user, s.owner()) || has(user, USE_SCHEMA, s.fullName()));
    }

    public boolean canUseSchema(String user, String catalog, String schema) {
        return canUseCatalog(user, catalog) && (isAdmin(user) || has(user, USE_SCHEMA, catalog + "." + schema));
    }

    public boolean canSelect(String user, UcTable t) {
        return canUseSchema(user, t.catalogName(), t.schemaName())
                && (isAdmin(user) || owns(user, t.owner()) || has(user, SELECT, t.fullName()));
    }

    public boolean canModify(String user, UcTable t) {
        return canUseSchema(user, t.catalogName(), t.schemaName())
                && (isAdmin(user) || owns(user, t.owner()) || has(user, MODIFY, t.fullName()));
    }

    public boolean canCreateTable(String user, String catalog, String schema) {
        return canUseSchema(user, catalog, schema)
                && (isAdmin(user) || has(user, CREATE_TABLE, catalog + "." + schema));
    }

    /** Catalogs appear in lists when the caller may use them. */
    public boolean seesCatalog(String user, UcCatalog c) {
        return canUseCatalog(user, c);
    }

    public boolean seesSchema(String user, UcSchema s) {
        return canUseSchema(user, s);
    }

    /** Tables appear in lists when the caller may read or modify them. */
    public boolean seesTable(String user, UcTable t) {
        return canSelect(user, t) || canModify(user, t);
    }

    public boolean canUseWarehouse(String user, String warehouseId) {
        return isAdmin(user)
                || warehouseUsers.getOrDefault(warehouseId, Set.of()).contains(norm(user));
    }

    public boolean canRunSpace(String user, String spaceId) {
        return isAdmin(user) || spaceRunners.getOrDefault(spaceId, Set.of()).contains(norm(user));
    }

    /** The grants of one user, for diagnostics and the standalone launcher. */
    public List<Seed.Grant> grantsOf(String user) {
        List<Seed.Grant> out = new ArrayList<>();
        for (Seed.Grant g : grants) {
            if (norm(g.principal()).equals(norm(user))) {
                out.add(g);
            }
        }
        return out;
    }
}
