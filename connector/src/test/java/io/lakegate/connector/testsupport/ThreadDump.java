package io.lakegate.connector.testsupport;

import java.util.Map;

/**
 * Prints every thread's stack to stderr (the test's output file). Called when a request to an in-process server got no
 * answer in time, so a rare stall leaves the server's state behind for diagnosis instead of only a timeout.
 */
public final class ThreadDump {

    private ThreadDump() {}

    public static void print(String why) {
        StringBuilder out = new StringBuilder("=== thread dump: ").append(why).append('\n');
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            out.append('"')
                    .append(e.getKey().getName())
                    .append("\" ")
                    .append(e.getKey().getState())
                    .append('\n');
            for (StackTraceElement frame : e.getValue()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        System.err.print(out);
    }
}
