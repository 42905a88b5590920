package io.lakegate.operator.connector;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Short, secret-free descriptions of reconcile failures for status messages. */
public final class ErrorMessages {
    private static final int MAX = 512;

    private ErrorMessages() {}

    public static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof KubernetesClientException)) {
            cause = cause.getCause();
        }
        String text;
        if (cause instanceof KubernetesClientException k
                && k.getStatus() != null
                && k.getStatus().getMessage() != null) {
            // the apiserver's own message: names the object and the invalid field, never a Secret value
            text = "Kubernetes API " + k.getCode() + ": " + k.getStatus().getMessage();
        } else {
            text = cause.getClass().getSimpleName();
        }
        return text.length() <= MAX ? text : text.substring(0, MAX);
    }
}
