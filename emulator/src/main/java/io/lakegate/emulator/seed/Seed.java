package io.lakegate.emulator.seed;

import java.util.List;
import java.util.Map;

/**
 * The seed file {@code seed/workspace.json}: one Databricks workspace with its metastore, users, grants, warehouses and
 * Genie spaces. Field names are the JSON's snake_case names.
 */
public record Seed(
    String metastoreId,
    String workspaceId,
    long createdAt,
    int serverPageSize,
    String defaultCatalog,
    String defaultSchema,
    List<User> users,
    List<Grant> grants,
    List<Catalog> catalogs,
    List<Warehouse> warehouses,
    List<GenieSpace> genieSpaces) {

  public record User(String userName, String displayName, String givenName, String familyName, String id,
                     List<String> groups, boolean metastoreAdmin) {}

  /** A UC privilege grant; {@code securableName} is the dotted full name of a catalog, schema or table. */
  public record Grant(String principal, String securableType, String securableName, List<String> privileges) {}

  public record Catalog(String name, String comment, String owner, String catalogType, Map<String, String> tags,
                        List<Schema> schemas) {}

  public record Schema(String name, String comment, String owner, Map<String, String> tags, List<Table> tables) {}

  public record Table(String name, String tableType, String dataSourceFormat, String comment, String owner,
                      String viewDefinition, Map<String, String> tags, List<Column> columns, List<List<Object>> rows) {}

  public record Column(String name, String typeName, String typeText, boolean nullable, String comment,
                       Integer typePrecision, Integer typeScale, Map<String, String> tags) {}

  public record Warehouse(String id, String name, String clusterSize, String warehouseType,
                          boolean enableServerlessCompute, String state, List<String> canUse) {}

  public record GenieSpace(String spaceId, String title, String description, String warehouseId, List<String> canRun,
                           List<String> tables, Map<String, String> tags, List<Question> questions) {}

  /** A canned Genie question; {@code answer} may use {0} for the first cell of the first result row. */
  public record Question(String question, String description, String sql, String answer) {}
}
