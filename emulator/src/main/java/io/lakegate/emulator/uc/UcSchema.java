package io.lakegate.emulator.uc;

import java.util.Map;

/** A Unity Catalog schema. */
public record UcSchema(
        String catalogName,
        String name,
        String comment,
        String owner,
        Map<String, String> tags,
        String schemaId,
        long createdAt,
        String createdBy) {

    public String fullName() {
        return catalogName + "." + name;
    }
}
