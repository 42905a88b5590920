package io.lakegate.connector.databricks;

import static io.lakegate.connector.databricks.DatabricksClient.segment;

import io.lakegate.connector.databricks.model.TagAssignment;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Per-object tag reads: Unity Catalog entity tag assignments (catalogs, schemas, tables, columns) and workspace entity
 * tags (Genie spaces). One call per object: only for the cases no bulk route covers.
 */
@Component
public class EntityTagApi {

    /** Bounds the pages followed for one object; objects never carry that many tags. */
    static final int MAX_PAGES = 20;

    private final DatabricksClient client;

    public EntityTagApi(DatabricksClient client) {
        this.client = client;
    }

    /** @param entityType one of {@code catalogs, schemas, tables, columns}; {@code entityName} fully qualified */
    public Mono<List<TagAssignment>> unityCatalogTags(
            CallerIdentity caller, Workspace ws, String entityType, String entityName) {
        String path =
                "/api/2.1/unity-catalog/entity-tag-assignments/" + entityType + "/" + segment(entityName) + "/tags";
        return allPages(caller, ws, path, null, new ArrayList<>(), 0);
    }

    /** @param entityType e.g. {@code geniespaces} */
    public Mono<List<TagAssignment>> workspaceTags(
            CallerIdentity caller, Workspace ws, String entityType, String entityId) {
        String path = "/api/2.0/entity-tag-assignments/" + entityType + "/" + segment(entityId) + "/tags";
        return allPages(caller, ws, path, null, new ArrayList<>(), 0);
    }

    private Mono<List<TagAssignment>> allPages(
            CallerIdentity caller, Workspace ws, String path, String token, List<TagAssignment> acc, int pages) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page_token", token);
        return client.get(caller, ws, path, query).flatMap(body -> {
            acc.addAll(Json.list(body, "tag_assignments", EntityTagApi::assignment));
            String next = Json.text(body, "next_page_token");
            if (next == null || next.isBlank() || pages + 1 >= MAX_PAGES) {
                return Mono.just(List.copyOf(acc));
            }
            return allPages(caller, ws, path, next, acc, pages + 1);
        });
    }

    private static TagAssignment assignment(JsonNode node) {
        return new TagAssignment(Json.text(node, "tag_key"), Json.text(node, "tag_value"));
    }
}
