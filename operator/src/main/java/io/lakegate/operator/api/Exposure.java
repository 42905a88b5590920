package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Exposure {
    @Default("ClusterIP")
    @JsonPropertyDescription("Service type of the connector Service.")
    private ServiceType serviceType;

    @JsonPropertyDescription("Optional Ingress in front of the Service.")
    private IngressExposure ingress;

    public ServiceType getServiceType() {
        return serviceType == null ? ServiceType.ClusterIP : serviceType;
    }

    public void setServiceType(ServiceType serviceType) {
        this.serviceType = serviceType;
    }

    public IngressExposure getIngress() {
        return ingress;
    }

    public void setIngress(IngressExposure ingress) {
        this.ingress = ingress;
    }
}
