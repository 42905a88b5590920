package io.lakegate.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Databricks workspace the fleet may serve, with its identity mode and SCI policy. */
@Group(LakegateApi.GROUP)
@Version(LakegateApi.VERSION)
@ShortNames("dbw")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Cloud", jsonPath = ".spec.cloud", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Connectors",
        jsonPath = ".status.connectorCount",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class DatabricksWorkspace extends CustomResource<DatabricksWorkspaceSpec, DatabricksWorkspaceStatus>
        implements Namespaced {}
