// Loopback reverse proxy that adds "Authorization: Bearer <token>" to every request.
// Exists because the MCP conformance suite cannot send a bearer token itself.
// Usage: node bearer-proxy.mjs <upstreamOrigin> <token>   (prints "listening <port>" once bound)
import http from 'node:http';

const [upstreamOrigin, token] = process.argv.slice(2);
if (!upstreamOrigin || !token) {
  console.error('usage: bearer-proxy.mjs <upstreamOrigin> <token>');
  process.exit(2);
}
const upstream = new URL(upstreamOrigin);

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, host: upstream.host, authorization: `Bearer ${token}` };
  const out = http.request(
    { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
    (up) => { res.writeHead(up.statusCode, up.headers); up.pipe(res); });
  out.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
  // A client that goes away must not leave a dangling upstream stream (SSE).
  res.on('close', () => out.destroy());
  req.pipe(out);
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
