package io.lakegate.connector.tools;

import io.lakegate.connector.audit.ArgumentsDigest;
import java.util.Map;
import java.util.Optional;

/** Typed access to a call's arguments; every problem is an INVALID_ARGUMENT naming the field. */
public final class ToolArguments {

    private final Map<String, Object> values;
    private volatile String digest;

    public ToolArguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * The arguments' {@link ArgumentsDigest}, computed once per call: shared reads key on it and the audit records it,
     * and canonicalising and hashing twice was a visible part of a cheap call's CPU.
     */
    public String digest() {
        String d = digest;
        if (d == null) {
            d = ArgumentsDigest.sha256(values);
            digest = d;
        }
        return d;
    }

    public String requiredString(String name) {
        return optionalString(name)
                .orElseThrow(() -> ToolException.invalidArgument("argument '" + name + "' is required"));
    }

    public Optional<String> optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ToolException.invalidArgument("argument '" + name + "' must be a string");
        }
        if (text.isBlank()) {
            throw ToolException.invalidArgument("argument '" + name + "' must not be empty");
        }
        return Optional.of(text.trim());
    }

    public int optionalInt(String name, int defaultValue, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw ToolException.invalidArgument("argument '" + name + "' must be an integer");
        }
        long n = number.longValue();
        if (n < min || n > max) {
            throw ToolException.invalidArgument("argument '" + name + "' must be between " + min + " and " + max);
        }
        return (int) n;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> optionalObject(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ToolException.invalidArgument("argument '" + name + "' must be an object");
        }
        return (Map<String, Object>) map;
    }
}
