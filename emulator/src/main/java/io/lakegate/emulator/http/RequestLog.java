package io.lakegate.emulator.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent requests (bounded so a long benchmark cannot exhaust memory). */
public final class RequestLog {

    private final int capacity;
    private final Deque<RecordedRequest> entries = new ArrayDeque<>();

    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void record(RecordedRequest r) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(r);
    }

    public synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
