// Added latency of a tool call forwarded by Berth's MCP gateway over the same call made directly to the
// downstream server, with the same client (the official TypeScript SDK) over Streamable HTTP.
//
//   node bench/mcp-gateway/latency.mjs DIRECT_URL BERTH_URL TOKEN [CALLS] [ROUNDS]
//
// Calls server-everything's `echo` at DIRECT_URL and `everything-http__echo` at BERTH_URL (which forwards
// it to DIRECT_URL). One session each; WARMUP calls on each first, then ROUNDS rounds that alternate
// between the two (CALLS/ROUNDS calls per round), so that the shared machine's load drifts onto both
// alike. A third series calls Berth's own read-only tool `history` (no forwarding) in the same rounds, to
// split what is added into Berth's endpoint itself and the forwarding leg. Prints one JSON line:
// p50/p90/p99/max of each, in milliseconds, and the added p50 and p99.
import { createRequire } from "node:module";
const require = createRequire(new URL("../../src/it/node/package.json", import.meta.url));
const { Client } = await import(require.resolve("@modelcontextprotocol/sdk/client/index.js"));
const { StreamableHTTPClientTransport } = await import(require.resolve("@modelcontextprotocol/sdk/client/streamableHttp.js"));

const [directUrl, berthUrl, token, callsArg = "2000", roundsArg = "10"] = process.argv.slice(2);
const CALLS = Number(callsArg), ROUNDS = Number(roundsArg), WARMUP = 500;

async function connect(url, headers) {
  const client = new Client({ name: "bench-gateway", version: "1" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

async function timeCalls(client, tool, n, into) {
  const echo = tool.endsWith("echo");
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await client.callTool({ name: tool, arguments: echo ? { message: `call ${i}` } : {} });
    const t = performance.now() - t0;
    if (r.isError || (echo && r.content?.[0]?.text !== `Echo: call ${i}`)) throw new Error(`${tool} failed: ${JSON.stringify(r)}`);
    if (into) into.push(t);
  }
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { calls: s.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s[s.length - 1] };
}
const fix = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === "calls" ? v : Number(v.toFixed(2))]));

const direct = await connect(directUrl, {});
const berth = await connect(berthUrl, { Authorization: `Bearer ${token}` });
await timeCalls(direct, "echo", WARMUP);
await timeCalls(berth, "everything-http__echo", WARMUP);
await timeCalls(berth, "history", WARMUP);
const d = [], b = [], own = [];
for (let r = 0; r < ROUNDS; r++) {
  await timeCalls(direct, "echo", CALLS / ROUNDS, d);
  await timeCalls(berth, "everything-http__echo", CALLS / ROUNDS, b);
  await timeCalls(berth, "history", CALLS / ROUNDS, own);
}
await direct.close();
await berth.close();
const sd = stats(d), sb = stats(b);
console.log(JSON.stringify({
  direct: fix(sd), viaBerth: fix(sb), berthOwnHistory: fix(stats(own)),
  addedP50: Number((sb.p50 - sd.p50).toFixed(2)), addedP99: Number((sb.p99 - sd.p99).toFixed(2)),
}));
