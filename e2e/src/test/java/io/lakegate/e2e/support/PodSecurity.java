package io.lakegate.e2e.support;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a kubelet does with a pod's security settings, as podman options; and what the kernel says a running container
 * process got ({@link #of(long)}), read from {@code /proc}. Settings the translation does not know make it fail rather
 * than run the container with less isolation than the pod asks for.
 */
public final class PodSecurity {

    private PodSecurity() {}

    /** podman options for the pod's and the container's security contexts and resource limits. */
    public static List<String> podmanOptions(PodSpec pod, Container container) {
        PodSecurityContext podContext =
                pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        SecurityContext context =
                container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        List<String> options = new ArrayList<>();
        Long user = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
        Long group = context.getRunAsGroup() != null ? context.getRunAsGroup() : podContext.getRunAsGroup();
        boolean nonRoot = Boolean.TRUE.equals(
                context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot());
        if (user != null) {
            if (nonRoot && user == 0) {
                throw new IllegalStateException("runAsNonRoot with runAsUser 0: the kubelet would not start this pod");
            }
            options.addAll(List.of("--user", group == null ? user.toString() : user + ":" + group));
        } else if (nonRoot) {
            // the kubelet then checks the image's user is numeric and not 0; the smoke test checks the running uid
            throw new IllegalStateException("runAsNonRoot without runAsUser: not translated");
        }
        if (podContext.getFsGroup() != null) {
            options.addAll(List.of("--group-add", podContext.getFsGroup().toString()));
        }
        if (Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            // podman would otherwise mount its own writable /tmp, /run and /var/tmp over a read-only root
            options.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        if (Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            options.add("--security-opt=no-new-privileges");
        }
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            throw new IllegalStateException("privileged containers are not translated");
        }
        Capabilities capabilities = context.getCapabilities();
        if (capabilities != null) {
            for (String drop : capabilities.getDrop() == null ? List.<String>of() : capabilities.getDrop()) {
                options.add("--cap-drop=" + drop);
            }
            for (String add : capabilities.getAdd() == null ? List.<String>of() : capabilities.getAdd()) {
                options.add("--cap-add=" + add);
            }
        }
        String seccomp = context.getSeccompProfile() != null
                ? context.getSeccompProfile().getType()
                : podContext.getSeccompProfile() != null
                        ? podContext.getSeccompProfile().getType()
                        : null;
        if (seccomp != null && !seccomp.equals("RuntimeDefault")) {
            throw new IllegalStateException("seccomp profile " + seccomp + " is not translated");
        }
        // RuntimeDefault is podman's default profile: nothing to add
        if (container.getResources() != null && container.getResources().getLimits() != null) {
            Quantity memory = container.getResources().getLimits().get("memory");
            if (memory != null) {
                BigDecimal bytes = Quantity.getAmountInBytes(memory);
                options.add("--memory=" + bytes.toBigInteger());
            }
        }
        return options;
    }

    /** The mount paths of the container's emptyDir volumes. */
    public static Set<String> emptyDirMountPaths(PodSpec pod, Container container) {
        Set<String> paths = new LinkedHashSet<>();
        for (VolumeMount mount : mounts(container)) {
            Volume volume = volume(pod, mount);
            if (volume.getEmptyDir() != null) {
                paths.add(mount.getMountPath());
            }
        }
        return paths;
    }

    /**
     * emptyDirs as tmpfs mounts of their size limit: empty at start, writable by the pod's user (mode 1777 where the
     * kubelet gives the fsGroup), gone with the container.
     */
    public static List<String> emptyDirs(PodSpec pod, Container container) {
        List<String> options = new ArrayList<>();
        for (VolumeMount mount : mounts(container)) {
            Volume volume = volume(pod, mount);
            if (volume.getEmptyDir() != null) {
                Quantity limit = volume.getEmptyDir().getSizeLimit();
                String size = limit == null
                        ? ""
                        : ",size=" + Quantity.getAmountInBytes(limit).toBigInteger();
                options.addAll(List.of("--tmpfs", mount.getMountPath() + ":rw,nosuid,nodev,mode=1777" + size));
            }
        }
        return options;
    }

    private static List<VolumeMount> mounts(Container container) {
        return container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
    }

    private static Volume volume(PodSpec pod, VolumeMount mount) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no volume " + mount.getName()));
    }

    /**
     * What the kernel reports for a running process: its uids (real, effective, saved, filesystem), effective
     * capabilities, no_new_privs, and the options of the mount at {@code /} and every mount point it can write.
     */
    public record Observed(
            List<Long> uids,
            List<Long> gids,
            long effectiveCapabilities,
            boolean noNewPrivileges,
            boolean rootReadOnly,
            List<String> writableMounts) {}

    public static Observed of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            List<Long> uids = List.of();
            List<Long> gids = List.of();
            long capEff = -1;
            boolean noNewPrivs = false;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                String[] f = line.split("\\s+");
                switch (f[0]) {
                    case "Uid:" ->
                        uids = List.of(
                                Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
                    case "Gid:" ->
                        gids = List.of(
                                Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
                    case "CapEff:" -> capEff = Long.parseUnsignedLong(f[1], 16);
                    case "NoNewPrivs:" -> noNewPrivs = f[1].equals("1");
                    default -> {}
                }
            }
            // mountinfo: id parent dev root mountpoint options ...; the last mount at a point is the visible one
            Boolean rootReadOnly = null;
            List<String> writable = new ArrayList<>();
            for (String line : Files.readAllLines(proc.resolve("mountinfo"))) {
                String[] f = line.split(" ");
                boolean readOnly = List.of(f[5].split(",")).contains("ro");
                if (f[4].equals("/")) {
                    rootReadOnly = readOnly;
                }
                if (!readOnly) {
                    writable.add(f[4]);
                }
            }
            if (rootReadOnly == null) {
                throw new IllegalStateException("no / in " + proc.resolve("mountinfo"));
            }
            return new Observed(uids, gids, capEff, noNewPrivs, rootReadOnly, writable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + proc + " (is the process still running?)", e);
        }
    }
}
