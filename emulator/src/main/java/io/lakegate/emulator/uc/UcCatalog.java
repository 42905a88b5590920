package io.lakegate.emulator.uc;

import java.util.Map;

/** A Unity Catalog catalog as the metastore holds it. */
public record UcCatalog(
        String name,
        String comment,
        String owner,
        String catalogType,
        Map<String, String> tags,
        long createdAt,
        String createdBy) {}
