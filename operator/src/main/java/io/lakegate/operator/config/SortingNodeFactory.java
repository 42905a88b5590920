package io.lakegate.operator.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;

/** Object nodes backed by a TreeMap, so every level of a tree serialises with sorted keys. */
final class SortingNodeFactory extends JsonNodeFactory {
    @Override
    public ObjectNode objectNode() {
        return new ObjectNode(this, new TreeMap<>());
    }
}
