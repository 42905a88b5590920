// A TypeScript MCP client that signs in to Lakegate as a user would and then calls tools: the official SDK 1.x
// (`sdk`, package @modelcontextprotocol/sdk) or the v2 client package (`client`, @modelcontextprotocol/client), whose
// StreamableHTTPClientTransport runs the MCP authorization flow with an OAuthClientProvider. The provider's
// redirectToAuthorization hands the authorization URL to the test's browser, which walks the consent and identity
// provider pages and answers with the redirect back to the client; the client checks state and finishes the sign-in.
// Usage: node main.mjs <sdk|client> <mcp-url> <calls> <browser-url> <legacy|auto|2026-07-28>
// Prints one line: MCP-CLIENT {"mode","protocol","sign_ins","tools","ok","errors","first_error","seconds"}.
const [flavour, mcpUrl, callCount, browserUrl, mode] = process.argv.slice(2);
const started = Date.now();
const api = flavour === 'client'
  ? await import('@modelcontextprotocol/client')
  : { ...(await import('@modelcontextprotocol/sdk/client/index.js')),
      ...(await import('@modelcontextprotocol/sdk/client/streamableHttp.js')),
      ...(await import('@modelcontextprotocol/sdk/client/auth.js')) };
const { Client, StreamableHTTPClientTransport, UnauthorizedError } = api;

const redirectUrl = 'http://127.0.0.1:9/callback';   // the browser hands the redirect back: nothing listens here
const state = 'ts-e2e-' + Math.random().toString(36).slice(2);
let clientInformation, tokens, codeVerifier, back;
let signIns = 0;
const provider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    return { client_name: `lakegate-e2e ${flavour} ${mode}`, redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  },
  state: () => state,
  clientInformation: () => clientInformation,
  saveClientInformation: (info) => { clientInformation = info; },
  tokens: () => tokens,
  saveTokens: (t) => { tokens = t; },
  saveCodeVerifier: (v) => { codeVerifier = v; },
  codeVerifier: () => codeVerifier,
  async redirectToAuthorization(authorizationUrl) {
    signIns++;
    const response = await fetch(browserUrl, { method: 'POST', body: authorizationUrl.toString() });
    const text = await response.text();
    if (!response.ok) throw new Error(`the browser could not sign in: ${text}`);
    back = new URL(text);
  },
};

function connectOptions() {
  if (flavour !== 'client' || mode === 'legacy') return {};
  return { versionNegotiation: { mode: mode === 'auto' ? 'auto' : { pin: mode } } };
}

function open() {
  return { transport: new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }),
    client: new Client({ name: `lakegate-e2e-${flavour}`, version: '1.0.0' }, connectOptions()) };
}

const report = { mode, protocol: null, sign_ins: 0, tools: 0, ok: 0, errors: 0, first_error: null };
let session;
try {
  session = open();
  try {
    await session.client.connect(session.transport);
  } catch (e) {
    if (!(e instanceof UnauthorizedError) || !back) throw e;
    if (back.searchParams.get('state') !== state) throw new Error('state mismatch in ' + back);
    if (back.searchParams.get('error')) throw new Error('sign-in error: ' + back.searchParams.get('error'));
    if (flavour === 'client') {
      await session.transport.finishAuth(back.searchParams);   // v2 checks iss (RFC 9207) itself
    } else {
      await session.transport.finishAuth(back.searchParams.get('code'));
    }
    session = open();
    await session.client.connect(session.transport);
  }
  report.protocol = session.client.getNegotiatedProtocolVersion?.() ?? session.transport.protocolVersion ?? null;
  const listed = await session.client.listTools();
  report.tools = listed.tools.length;
  const names = ['list_catalogs', 'list_sql_warehouses', 'list_genie_spaces'];
  for (let i = 0; i < Number(callCount); i++) {
    const name = names[i % names.length];
    try {
      const result = await session.client.callTool({ name, arguments: {} });
      if (result.isError) {
        report.errors++;
        report.first_error ??= `${name}: ${JSON.stringify(result.content)}`;
      } else {
        report.ok++;
      }
    } catch (e) {
      report.errors++;
      report.first_error ??= `${name}: ${e}`;
    }
  }
} catch (e) {
  report.errors++;
  report.first_error ??= `connect: ${e?.stack ?? e}`;
}
report.sign_ins = signIns;
report.seconds = (Date.now() - started) / 1000;
console.log('MCP-CLIENT ' + JSON.stringify(report));
await session?.transport.terminateSession?.().catch(() => {});
await session?.client.close().catch(() => {});
