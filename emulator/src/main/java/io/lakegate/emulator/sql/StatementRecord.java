package io.lakegate.emulator.sql;

/**
 * One statement's lifecycle: PENDING until the engine finishes, then SUCCEEDED (with a result) or FAILED (with a
 * failure), or CANCELED. Mutable and guarded by its own monitor because the engine finishes it on another thread.
 */
public final class StatementRecord {

    private final String id;
    private final String user;
    private String state = "PENDING";
    private StatementResult result;
    private SqlFailure failure;

    StatementRecord(String id, String user) {
        this.id = id;
        this.user = user;
    }

    public String id() {
        return id;
    }

    public String user() {
        return user;
    }

    public synchronized String state() {
        return state;
    }

    public synchronized StatementResult result() {
        return result;
    }

    public synchronized SqlFailure failure() {
        return failure;
    }

    synchronized void running() {
        if (state.equals("PENDING")) {
            state = "RUNNING";
        }
    }

    synchronized void succeeded(StatementResult r) {
        if (!state.equals("CANCELED")) {
            state = "SUCCEEDED";
            result = r;
        }
    }

    synchronized void failed(SqlFailure f) {
        if (!state.equals("CANCELED")) {
            state = "FAILED";
            failure = f;
        }
    }

    synchronized boolean cancel() {
        if (state.equals("PENDING") || state.equals("RUNNING")) {
            state = "CANCELED";
            return true;
        }
        return false;
    }

    public synchronized boolean isTerminal() {
        return !(state.equals("PENDING") || state.equals("RUNNING"));
    }
}
