package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Fleet-wide limits: figures for the whole connector fleet, not per pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RateLimits {
    @Min(1)
    @Max(1_000_000)
    @JsonPropertyDescription("Tool calls per minute per OAuth client, across all replicas.")
    private Integer perClientRequestsPerMinute;

    @Min(1)
    @Max(10_000_000)
    @JsonPropertyDescription("Tool calls per minute per tenant (IdP tenant / issuer), across all replicas.")
    private Integer perTenantRequestsPerMinute;

    public Integer getPerClientRequestsPerMinute() {
        return perClientRequestsPerMinute;
    }

    public void setPerClientRequestsPerMinute(Integer v) {
        this.perClientRequestsPerMinute = v;
    }

    public Integer getPerTenantRequestsPerMinute() {
        return perTenantRequestsPerMinute;
    }

    public void setPerTenantRequestsPerMinute(Integer v) {
        this.perTenantRequestsPerMinute = v;
    }
}
