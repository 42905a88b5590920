package io.lakegate.emulator.genie;

import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.sql.StatementRecord;

/**
 * One Genie message. Its status advances one step each time a client looks at it (REST poll or MCP poll_response):
 * ASKING_AI, then EXECUTING_QUERY, then COMPLETED (or FAILED when the SQL failed), so clients must really poll.
 * Completion also waits for the generated SQL to finish.
 */
public final class GenieMessage {

    private final String id;
    private final String conversationId;
    private final Seed.GenieSpace space;
    private final String user;
    private final long userId;
    private final String content;
    private final Seed.Question question;
    private final long createdAt;
    private final StatementRecord statement;
    private final String failure;
    private String status = "ASKING_AI";
    private long updatedAt;

    GenieMessage(
            String id,
            String conversationId,
            Seed.GenieSpace space,
            String user,
            long userId,
            String content,
            Seed.Question question,
            long createdAt,
            StatementRecord statement,
            String failure) {
        this.id = id;
        this.conversationId = conversationId;
        this.space = space;
        this.user = user;
        this.userId = userId;
        this.content = content;
        this.question = question;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.statement = statement;
        this.failure = failure;
    }

    /** Moves one step towards the end state and returns the new status. */
    synchronized String observe(long now) {
        String before = status;
        switch (status) {
            case "ASKING_AI" -> status = failure != null ? "FAILED" : "EXECUTING_QUERY";
            case "EXECUTING_QUERY" -> {
                if (statement.isTerminal()) {
                    status = statement.state().equals("SUCCEEDED") ? "COMPLETED" : "FAILED";
                }
            }
            default -> {}
        }
        if (!before.equals(status)) {
            updatedAt = now;
        }
        return status;
    }

    synchronized String status() {
        return status;
    }

    synchronized long updatedAt() {
        return updatedAt;
    }

    String id() {
        return id;
    }

    String conversationId() {
        return conversationId;
    }

    Seed.GenieSpace space() {
        return space;
    }

    String user() {
        return user;
    }

    long userId() {
        return userId;
    }

    String content() {
        return content;
    }

    Seed.Question question() {
        return question;
    }

    long createdAt() {
        return createdAt;
    }

    StatementRecord statement() {
        return statement;
    }

    /** Why the message failed before running SQL (e.g. no access to the warehouse), else null. */
    String failure() {
        return failure;
    }

    String queryAttachmentId() {
        return id + "-q";
    }

    String textAttachmentId() {
        return id + "-t";
    }
}
