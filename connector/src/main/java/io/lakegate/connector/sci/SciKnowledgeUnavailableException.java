package io.lakegate.connector.sci;

/**
 * No source could say whether an asset is SCI: the tag API is missing or disabled on the workspace (404
 * {@code ENDPOINT_NOT_FOUND}/{@code FEATURE_DISABLED}, or a 404 without a Databricks error code), or it failed in a way
 * that is not about the object. Treating that as "untagged" would show Strictly Confidential data whenever tagging is
 * unavailable, so the call is refused instead. The message names the source and its answer, never the asset: the
 * refusal must say nothing about which asset was being checked. The tool pipeline answers it as {@code UPSTREAM_ERROR}.
 */
public class SciKnowledgeUnavailableException extends RuntimeException {

    public SciKnowledgeUnavailableException(String source, int status, String errorCode) {
        super("Lakegate cannot read the data classification from "
                + source + " (it answered " + status + (errorCode == null || errorCode.isBlank() ? "" : " " + errorCode)
                + "), so the call is refused rather than risk showing protected data; ask an administrator to enable "
                + "Unity Catalog tags or give Lakegate a running tag warehouse");
    }
}
