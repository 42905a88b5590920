// A headless MCP client on the official TypeScript SDK that knows nothing but the connector's URL: it runs the whole
// MCP authorization flow (401 -> protected resource metadata -> authorization server metadata -> dynamic client
// registration -> PKCE authorization -> token), playing the browser itself, then lists the tools and makes the calls.
// Usage: node main.mjs <mcp-url> <calls> [<state-file>], where <calls> is a JSON array of {name, arguments}. With a
// state file the client keeps its registration and tokens there, as a desktop client keeps them between launches: a
// second run with the same file signs in only if the connector no longer accepts them. Prints one JSON line.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const url = new URL(process.argv[2]);
const calls = JSON.parse(process.argv[3]);
const stateFile = process.argv[4];
const redirectUrl = 'http://127.0.0.1:9/callback';   // nobody listens: the "browser" below stops at this redirect
const state = 'ts-e2e-' + Math.random().toString(36).slice(2);
let clientInformation, tokens, codeVerifier, code;
if (stateFile && existsSync(stateFile)) {
  ({ clientInformation, tokens } = JSON.parse(readFileSync(stateFile, 'utf8')));
}
const hops = [];

const provider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    return { client_name: 'lakegate-ts-e2e', redirect_uris: [redirectUrl], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: 'none' };
  },
  state: () => state,
  clientInformation: () => clientInformation,
  saveClientInformation: (info) => { clientInformation = info; },
  tokens: () => tokens,
  saveTokens: (t) => { tokens = t; },
  saveCodeVerifier: (v) => { codeVerifier = v; },
  codeVerifier: () => codeVerifier,
  async redirectToAuthorization(authorizationUrl) {
    let next = authorizationUrl.toString();
    for (let hop = 0; hop < 6; hop++) {
      const response = await fetch(next, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (!location) throw new Error(`sign-in hop ${hop} answered ${response.status}: ${await response.text()}`);
      hops.push(new URL(location, next).origin);
      if (location.startsWith(redirectUrl)) {
        const back = new URL(location);
        if (back.searchParams.get('state') !== state) throw new Error('state mismatch');
        if (back.searchParams.get('error')) throw new Error('authorization error: ' + back.searchParams.get('error'));
        code = back.searchParams.get('code');
        return;
      }
      next = new URL(location, next).toString();
    }
    throw new Error('no redirect back to the client');
  },
};

function open() {
  return { transport: new StreamableHTTPClientTransport(url, { authProvider: provider }),
    client: new Client({ name: 'lakegate-ts-e2e', version: '1.0.0' }) };
}

let session = open();
let challenged = false;
try {
  await session.client.connect(session.transport);
} catch (e) {
  if (!(e instanceof UnauthorizedError)) throw e;
  challenged = true;
  await session.transport.finishAuth(code);   // the same transport: it keeps the metadata it discovered
  session = open();
  await session.client.connect(session.transport);
}
const listed = await session.client.listTools();
const results = [];
for (const call of calls) {
  const result = await session.client.callTool({ name: call.name, arguments: call.arguments ?? {} });
  results.push({ name: call.name, isError: Boolean(result.isError),
    text: result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n') });
}
if (stateFile) writeFileSync(stateFile, JSON.stringify({ clientInformation, tokens }));
console.log(JSON.stringify({
  challenged,
  registeredClient: clientInformation?.client_id ?? null,
  signInHops: hops,
  tools: listed.tools.map((t) => t.name),
  results,
}));
await session.transport.terminateSession().catch(() => {});
await session.client.close();
