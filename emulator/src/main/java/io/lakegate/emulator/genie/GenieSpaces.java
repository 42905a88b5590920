package io.lakegate.emulator.genie;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.seed.Seed;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The workspace's Genie spaces and who may run them (CAN_RUN). */
public final class GenieSpaces {

    private final List<Seed.GenieSpace> spaces;
    private final AccessPolicy access;

    public GenieSpaces(Seed seed, AccessPolicy access) {
        this.spaces = seed.genieSpaces().stream()
                .sorted(Comparator.comparing(Seed.GenieSpace::title))
                .toList();
        this.access = access;
    }

    public List<Seed.GenieSpace> all() {
        return spaces;
    }

    public Optional<Seed.GenieSpace> find(String id) {
        return spaces.stream().filter(s -> s.spaceId().equals(id)).findFirst();
    }

    public List<Seed.GenieSpace> visibleTo(String user) {
        return spaces.stream()
                .filter(s -> access.canRunSpace(user, s.spaceId()))
                .toList();
    }

    /** The space if the user may run it: 404 RESOURCE_DOES_NOT_EXIST if unknown, 403 PERMISSION_DENIED if not granted. */
    public Seed.GenieSpace runnable(String user, String id) {
        Seed.GenieSpace s = find(id).orElseThrow(() ->
                ApiException.notFound("RESOURCE_DOES_NOT_EXIST", "Genie space " + id + " does not exist."));
        if (!access.canRunSpace(user, id)) {
            throw ApiException.permissionDenied("User does not have CAN RUN on Genie space " + id + ".");
        }
        return s;
    }
}
