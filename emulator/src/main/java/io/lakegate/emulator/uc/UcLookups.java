package io.lakegate.emulator.uc;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.http.ApiException;

/**
 * Finds UC objects for a caller with Unity Catalog's error semantics: 404 *_DOES_NOT_EXIST when missing, 403
 * PERMISSION_DENIED when the caller lacks USE CATALOG / USE SCHEMA / SELECT.
 */
public final class UcLookups {

    private final Metastore metastore;
    private final AccessPolicy access;

    public UcLookups(Metastore metastore, AccessPolicy access) {
        this.metastore = metastore;
        this.access = access;
    }

    public UcCatalog usableCatalog(String user, String name) {
        UcCatalog c = metastore
                .catalog(name)
                .orElseThrow(() ->
                        ApiException.notFound("CATALOG_DOES_NOT_EXIST", "Catalog '" + name + "' does not exist."));
        if (!access.canUseCatalog(user, c)) {
            throw ApiException.permissionDenied("User does not have USE CATALOG on Catalog '" + c.name() + "'.");
        }
        return c;
    }

    public UcSchema usableSchema(String user, String fullName) {
        String[] parts = splitName(fullName, 2, "schema");
        usableCatalog(user, parts[0]);
        UcSchema s = metastore
                .schema(fullName)
                .orElseThrow(() ->
                        ApiException.notFound("SCHEMA_DOES_NOT_EXIST", "Schema '" + fullName + "' does not exist."));
        if (!access.canUseSchema(user, s)) {
            throw ApiException.permissionDenied("User does not have USE SCHEMA on Schema '" + s.fullName() + "'.");
        }
        return s;
    }

    public UcTable visibleTable(String user, String fullName) {
        String[] parts = splitName(fullName, 3, "table");
        usableSchema(user, parts[0] + "." + parts[1]);
        UcTable t = metastore
                .table(fullName)
                .orElseThrow(() ->
                        ApiException.notFound("TABLE_DOES_NOT_EXIST", "Table '" + fullName + "' does not exist."));
        if (!access.seesTable(user, t)) {
            throw ApiException.permissionDenied("User does not have SELECT on Table '" + t.fullName() + "'.");
        }
        return t;
    }

    static String[] splitName(String fullName, int parts, String what) {
        String[] p = fullName.split("\\.", -1);
        if (p.length != parts || java.util.Arrays.stream(p).anyMatch(String::isBlank)) {
            throw ApiException.invalidParameter("Invalid " + what + " full name '" + fullName + "': expected "
                    + (parts == 2 ? "catalog.schema" : "catalog.schema.table") + ".");
        }
        return p;
    }
}
