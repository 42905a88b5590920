// mcp-remote (the stdio bridge desktop apps launch for remote servers) driven by a stdio MCP client, the official
// TypeScript SDK's StdioClientTransport, as Claude Desktop-style hosts do. mcp-remote meets Lakegate's 401, registers,
// opens the authorization URL with the desktop's opener (the test's stand-in on PATH/BROWSER hands it to the test's
// browser), waits on its loopback callback port for the browser to come back, then bridges stdio to /mcp.
// Usage: node main.mjs <mcp-url> <calls> <callback-port>   (MCP_REMOTE_CONFIG_DIR, PATH, BROWSER from the environment)
// Prints one line: MCP-CLIENT {"mode","tools","ok","errors","first_error","seconds","bridge_log"}.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [mcpUrl, callCount, callbackPort] = process.argv.slice(2);
const started = Date.now();
const require = createRequire(import.meta.url);
const bridge = join(dirname(require.resolve('mcp-remote/package.json')), 'dist', 'proxy.js');
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [bridge, mcpUrl, callbackPort, '--host', '127.0.0.1'],
  env: { ...process.env },
  stderr: 'pipe',
});
const bridgeLog = [];
transport.stderr?.on('data', (chunk) => bridgeLog.push(chunk.toString()));
const client = new Client({ name: 'lakegate-e2e-mcp-remote-host', version: '1.0.0' });
const report = { mode: 'stdio via mcp-remote', tools: 0, ok: 0, errors: 0, first_error: null };
try {
  // the first request waits while mcp-remote signs the user in
  await client.connect(transport, { timeout: 120_000 });
  const listed = await client.listTools();
  report.tools = listed.tools.length;
  const names = ['list_catalogs', 'list_sql_warehouses', 'list_genie_spaces'];
  for (let i = 0; i < Number(callCount); i++) {
    const name = names[i % names.length];
    try {
      const result = await client.callTool({ name, arguments: {} });
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
report.seconds = (Date.now() - started) / 1000;
if (report.errors > 0) report.bridge_log = bridgeLog.join('').slice(-4000);
console.log('MCP-CLIENT ' + JSON.stringify(report));
await client.close().catch(() => {});
