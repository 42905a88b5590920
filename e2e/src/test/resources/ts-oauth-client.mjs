// A headless MCP client on the official TypeScript SDK that knows nothing but the connector's URL: it runs the whole
// MCP authorization flow (401 -> protected resource metadata -> authorization server metadata -> dynamic client
// registration -> PKCE authorization -> the connector's consent page -> token), playing the browser itself (it approves
// the consent page), then lists the tools and makes the calls.
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
let consentPages = 0;

// A browser's cookie jar, as far as the sign-in needs one: per host (not port, as in browsers) and path prefix.
const cookies = [];
function keepCookies(url, response) {
  const { hostname } = new URL(url);
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) || '/';
    const cookie = { hostname, path, name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    const at = cookies.findIndex((c) => c.hostname === hostname && c.path === path && c.name === cookie.name);
    if (at >= 0) cookies.splice(at, 1);
    cookies.push(cookie);
  }
}
function cookieHeader(url) {
  const { hostname, pathname } = new URL(url);
  const matching = cookies.filter((c) => c.hostname === hostname && pathname.startsWith(c.path));
  return matching.length ? { cookie: matching.map((c) => `${c.name}=${c.value}`).join('; ') } : {};
}

// The connector's consent page: press Approve, i.e. post its form (action, hidden fields) with decision=approve.
function approve(pageUrl, html) {
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const action = html.match(/<form\s+method="post"\s+action="([^"]*)"/);
  if (!action) throw new Error('no consent form in ' + html);
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(unescape(m[1]), unescape(m[2]));
  }
  fields.append('decision', 'approve');
  return { url: new URL(unescape(action[1]), pageUrl).toString(),
    init: { method: 'POST', body: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' } } };
}

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
    // the browser: follows redirects by hand, keeps the connector's cookies, and approves its consent page
    let request = { url: authorizationUrl.toString(), init: {} };
    for (let hop = 0; hop < 8; hop++) {
      const response = await fetch(request.url, { ...request.init, redirect: 'manual',
        headers: { ...request.init.headers, ...cookieHeader(request.url) } });
      keepCookies(request.url, response);
      const location = response.headers.get('location');
      if (!location) {
        const body = await response.text();
        if (response.status !== 200 || !body.includes('<form')) {
          throw new Error(`sign-in hop ${hop} answered ${response.status}: ${body}`);
        }
        consentPages++;
        request = approve(request.url, body);
        continue;
      }
      hops.push(new URL(location, request.url).origin);
      if (location.startsWith(redirectUrl)) {
        const back = new URL(location);
        if (back.searchParams.get('state') !== state) throw new Error('state mismatch');
        if (back.searchParams.get('error')) throw new Error('authorization error: ' + back.searchParams.get('error'));
        code = back.searchParams.get('code');
        return;
      }
      request = { url: new URL(location, request.url).toString(), init: {} };
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
  consentPages,
  tools: listed.tools.map((t) => t.name),
  results,
}));
await session.transport.terminateSession().catch(() => {});
await session.client.close();
