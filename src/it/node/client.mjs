// Drives Berth's MCP server with the official TypeScript SDK client (a client nobody on Berth wrote).
//
//   node client.mjs http URL TOKEN STEPS_JSON
//   node client.mjs stdio STEPS_JSON -- COMMAND [ARGS...]
//
// STEPS_JSON is a list of {"call": TOOL, "args": {...}}, {"resource": URI} or {"prompt": NAME, "args": {...}}.
// Prints one JSON document: the server's tools (with annotations), resource templates, prompts, and
// what each step gave back (result, or the JSON-RPC error the client saw). Exit 0 unless the client
// itself could not run.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [mode, ...rest] = process.argv.slice(2);
let transport, steps;
if (mode === "http") {
  const [url, token, stepsJson] = rest;
  steps = JSON.parse(stepsJson);
  transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
} else if (mode === "stdio") {
  const dash = rest.indexOf("--");
  steps = JSON.parse(rest[0]);
  const [command, ...args] = rest.slice(dash + 1);
  // the whole environment: the server command may need more than the SDK's default few variables
  transport = new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "inherit" });
} else {
  console.error("usage: client.mjs http URL TOKEN STEPS | stdio STEPS -- COMMAND ARGS...");
  process.exit(2);
}

const client = new Client({ name: "berth-it-ts-client", version: "1.0.0" });
await client.connect(transport);
const report = {
  server: client.getServerVersion(),
  tools: (await client.listTools()).tools.map((t) => ({
    name: t.name, annotations: t.annotations, hasOutputSchema: !!t.outputSchema, inputSchema: t.inputSchema,
  })),
  resourceTemplates: (await client.listResourceTemplates()).resourceTemplates.map((r) => r.uriTemplate),
  resources: (await client.listResources()).resources.map((r) => r.uri),
  prompts: (await client.listPrompts()).prompts.map((p) => p.name),
  steps: [],
};
for (const step of steps) {
  const started = performance.now();
  try {
    let result;
    if (step.call) {
      // callTool validates structuredContent against the tool's outputSchema
      result = await client.callTool({ name: step.call, arguments: step.args ?? {} });
    } else if (step.resource) {
      result = await client.readResource({ uri: step.resource });
    } else if (step.prompt) {
      result = await client.getPrompt({ name: step.prompt, arguments: step.args ?? {} });
    }
    report.steps.push({ step, ok: true, result, ms: performance.now() - started });
  } catch (e) {
    report.steps.push({ step, ok: false, code: e.code ?? null, message: String(e.message ?? e), ms: performance.now() - started });
  }
}
await client.close();
process.stdout.write(JSON.stringify(report) + "\n");
