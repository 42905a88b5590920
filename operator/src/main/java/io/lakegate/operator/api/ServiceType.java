package io.lakegate.operator.api;

public enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer
}
