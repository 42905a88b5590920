package io.lakegate.connector.sci;

import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;

/**
 * No source could say whether an asset is SCI: the tag API is missing or disabled on the workspace (404
 * {@code ENDPOINT_NOT_FOUND}/{@code FEATURE_DISABLED}, or a 404 without a Databricks error code), or it failed in a way
 * that is not about the object. Treating that as "untagged" would show Strictly Confidential data whenever tagging is
 * unavailable, so the call is refused instead. The message names the source and its answer, never the asset: the
 * refusal must say nothing about which asset was being checked.
 */
public class SciKnowledgeUnavailableException extends ToolException {

    public SciKnowledgeUnavailableException(String source, int status, String errorCode) {
        super(ToolErrorCode.UPSTREAM_ERROR, "Lakegate cannot read the data classification from "
                + source + " (it answered " + status + (errorCode == null || errorCode.isBlank() ? "" : " " + errorCode)
                + "), so the call is refused rather than risk showing protected data; ask an administrator to enable "
                + "Unity Catalog tags or give Lakegate a running tag warehouse");
    }
}
