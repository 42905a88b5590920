package io.lakegate.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lakegate.operator.api.Condition;
import io.lakegate.operator.api.LakegateApi;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events (events.k8s.io/v1) for the conditions people watch, Accepted and Ready, whenever one changes status
 * or reason: {@code kubectl describe} and {@code kubectl events} then tell what happened and why, without the
 * operator's log. Only a change is announced, so an idle resync or an operator restart (which recompute the stored
 * status) write no Event.
 */
public final class ConditionEvents {
    /** The conditions announced; Available follows Ready closely and would only double the Events. */
    static final List<String> ANNOUNCED = List.of(LakegateApi.ACCEPTED, LakegateApi.READY);

    static final String CONTROLLER = LakegateApi.GROUP + "/operator";
    /** events.k8s.io/v1 wants microseconds in eventTime. */
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final int MAX_NOTE = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ConditionEvents.class);

    private ConditionEvents() {}

    /** Announced conditions whose status or reason differs between the two lists (a first condition counts). */
    public static List<Condition> changed(List<Condition> previous, List<Condition> next) {
        List<Condition> changed = new ArrayList<>();
        for (String type : ANNOUNCED) {
            Condition now = Conditions.find(next, type);
            Condition before = Conditions.find(previous, type);
            if (now != null
                    && (before == null
                            || !Objects.equals(before.getStatus(), now.getStatus())
                            || !Objects.equals(before.getReason(), now.getReason()))) {
                changed.add(now);
            }
        }
        return changed;
    }

    /** The Event for one changed condition of {@code resource}. */
    /**
     * Not ready yet, but on the way: a new connector whose Deployment is not there yet, a rollout. A Warning for these
     * would fire on every create, rollout and scale-up and teach people to ignore the ones that matter.
     */
    static final Set<String> PROGRESS = Set.of("DeploymentNotFound", "RolloutInProgress");

    public static Event of(HasMetadata resource, Condition condition, String instance, Instant now) {
        String note = condition.getType() + "=" + condition.getStatus()
                + (condition.getMessage() == null || condition.getMessage().isBlank()
                        ? ""
                        : ": " + condition.getMessage());
        return new EventBuilder()
                .withNewMetadata()
                // client-go's form (<object>.<unix nanos in hex>), with the condition so two changes of one pass differ
                .withName(resource.getMetadata().getName() + "."
                        + condition.getType().toLowerCase(Locale.ROOT) + "."
                        + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .withNamespace(resource.getMetadata().getNamespace())
                .endMetadata()
                .withRegarding(new ObjectReferenceBuilder()
                        .withApiVersion(resource.getApiVersion())
                        .withKind(resource.getKind())
                        .withName(resource.getMetadata().getName())
                        .withNamespace(resource.getMetadata().getNamespace())
                        .withUid(resource.getMetadata().getUid())
                        .build())
                .withType(
                        Conditions.TRUE.equals(condition.getStatus()) || PROGRESS.contains(condition.getReason())
                                ? "Normal"
                                : "Warning")
                .withReason(condition.getReason())
                .withAction(condition.getType())
                .withNote(note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE) : note)
                .withReportingController(CONTROLLER)
                .withReportingInstance(instance)
                .withEventTime(new MicroTime(MICRO_TIME.format(now.truncatedTo(ChronoUnit.MICROS))))
                .build();
    }

    /**
     * Records the Events and logs each change. Best effort: an Event the API refuses (quota, missing RBAC) must not
     * fail the status write the change belongs to.
     */
    public static void record(
            KubernetesClient client, HasMetadata resource, List<Condition> changed, String instance, Instant now) {
        for (Condition condition : changed) {
            LOG.info(
                    "{} {}/{} {}={} ({})",
                    resource.getKind(),
                    resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(),
                    condition.getType(),
                    condition.getStatus(),
                    condition.getReason());
            try {
                client.resource(of(resource, condition, instance, now)).create();
            } catch (KubernetesClientException e) {
                LOG.warn(
                        "Event for {} {}/{} not recorded: HTTP {} {}",
                        resource.getKind(),
                        resource.getMetadata().getNamespace(),
                        resource.getMetadata().getName(),
                        e.getCode(),
                        e.getStatus() == null ? "" : e.getStatus().getMessage());
            }
        }
    }
}
