package io.lakegate.connector.mcp;

/**
 * Who sent an MCP HTTP request, as far as the transport layer needs it: the subject key ({@code oid} claim, else
 * {@code sub}) and the OAuth client id. Never a token.
 */
public record McpCaller(String subject, String clientId) {

    public static final McpCaller ANONYMOUS = new McpCaller("anonymous", "anonymous");
}
