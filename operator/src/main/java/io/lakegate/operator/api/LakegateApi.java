package io.lakegate.operator.api;

/** API group coordinates and well-known condition types shared by both kinds. */
public final class LakegateApi {
    public static final String GROUP = "lakegate.io";
    public static final String VERSION = "v1alpha1";

    public static final String ACCEPTED = "Accepted";
    public static final String AVAILABLE = "Available";
    public static final String READY = "Ready";

    private LakegateApi() {}
}
