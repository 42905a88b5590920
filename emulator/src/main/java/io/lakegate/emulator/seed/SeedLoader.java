package io.lakegate.emulator.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Reads a seed file from the classpath, strictly: an unknown field is a mistake in the seed, not something to skip. */
public final class SeedLoader {

    public static final String DEFAULT_RESOURCE = "seed/workspace.json";

    private SeedLoader() {}

    public static Seed load(String classpathResource) {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("seed resource not found on the classpath: " + classpathResource);
            }
            return mapper.readValue(in, Seed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + classpathResource, e);
        }
    }
}
