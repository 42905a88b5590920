package io.lakegate.connector.dedup;

/**
 * Identity of a read-only call for sharing: the same user, workspace, tool and argument digest. The user is part of
 * the key, so one user's result is never served to another (results are filtered by the caller's grants).
 */
public record DedupKey(String user, String workspace, String tool, String argumentsDigest) {}
