// Latency of one read-only MCP tool call over Streamable HTTP (p50, p99), against a running
// `berth run --mcp-listen`. Two clients: raw JSON-RPC POSTs over one keep-alive connection (the
// server's cost), and the official TypeScript SDK client (what an MCP client sees, including its
// own output-schema validation). Bounded: WARMUP + CALLS calls each, then it stops.
//
//   node bench/mcp/latency.mjs URL TOKEN [TOOL] [CALLS]
import { createRequire } from "node:module";
const require = createRequire(new URL("../../src/it/node/package.json", import.meta.url));
const { Client } = await import(require.resolve("@modelcontextprotocol/sdk/client/index.js"));
const { StreamableHTTPClientTransport } = await import(require.resolve("@modelcontextprotocol/sdk/client/streamableHttp.js"));

const [url, token, tool = "history", callsArg = "2000"] = process.argv.slice(2);
const CALLS = Number(callsArg);
const WARMUP = 500;
const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" };

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { calls: s.length, p50: q(0.5).toFixed(2), p90: q(0.9).toFixed(2), p99: q(0.99).toFixed(2), max: s[s.length - 1].toFixed(2) };
}

async function raw() {
  let id = 0;
  const post = async (body, session) => {
    const res = await fetch(url, { method: "POST", headers: { ...headers, ...(session ? { "Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25" } : {}) }, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`HTTP ${res.status}: ${text}`);
    return { res, text };
  };
  const init = await post({ jsonrpc: "2.0", id: ++id, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "bench", version: "1" } } });
  const session = init.res.headers.get("mcp-session-id");
  await post({ jsonrpc: "2.0", method: "notifications/initialized" }, session);
  const ms = [];
  for (let i = 0; i < WARMUP + CALLS; i++) {
    const t0 = performance.now();
    const { text } = await post({ jsonrpc: "2.0", id: ++id, method: "tools/call", params: { name: tool, arguments: {} } }, session);
    const t = performance.now() - t0;
    if (text.includes('"isError":true')) throw new Error(`tool call failed: ${text}`);
    if (i >= WARMUP) ms.push(t);
  }
  return stats(ms);
}

async function sdk() {
  const client = new Client({ name: "bench-sdk", version: "1" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  const ms = [];
  for (let i = 0; i < WARMUP + CALLS; i++) {
    const t0 = performance.now();
    const r = await client.callTool({ name: tool, arguments: {} });
    const t = performance.now() - t0;
    if (r.isError) throw new Error(`tool call failed: ${JSON.stringify(r)}`);
    if (i >= WARMUP) ms.push(t);
  }
  await client.close();
  return stats(ms);
}

console.log(JSON.stringify({ tool, raw: await raw(), sdkClient: await sdk() }));
