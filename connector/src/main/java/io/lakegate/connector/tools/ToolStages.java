package io.lakegate.connector.tools;

import org.springframework.core.Ordered;

/**
 * The order of the tool-call stages, in one place (lowest = outermost). Observation wraps everything so every call is
 * audited once; pacing next, so a user slowed down for his failures waits before anything runs; shared reads come
 * before the limits so a shared result costs no permit; the limits are the last step before the tool, so a refused
 * call costs nothing upstream.
 */
public final class ToolStages {

    public static final int OBSERVATION = Ordered.HIGHEST_PRECEDENCE + 100;
    public static final int PACING = OBSERVATION + 100;
    public static final int SHARED_READS = PACING + 100;
    public static final int LIMITS = SHARED_READS + 100;

    private ToolStages() {}
}
