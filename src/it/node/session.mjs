// One long MCP session with the official TypeScript SDK client, driven line by line, so a test can act
// on the host between requests while the session stays open (a stdio server's container lives as long
// as the session) and can see the notifications the server sends meanwhile.
//
//   node session.mjs URL TOKEN
//
// stdin: one JSON command per line: {"op":"list"} | {"op":"call","tool":NAME,"args":{...}} | {"op":"prompts"}
//        | {"op":"prompt","name":NAME,"args":{...}} | {"op":"resources"} | {"op":"read","uri":URI} | {"op":"close"} (ends the session: DELETE)
// stdout: one JSON reply per command:
//   list → {"tools":[{name, description, annotations}], "listChanged":N}
//   call → {"ok":true,"result":{...},"listChanged":N} or {"ok":false,"code":C,"message":M,"listChanged":N}
// where N counts the notifications/tools/list_changed received so far in this session.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { createInterface } from "node:readline";

const [url, token] = process.argv.slice(2);
if (!url || token === undefined) {
  console.error("usage: session.mjs URL TOKEN   (commands as JSON lines on stdin)");
  process.exit(2);
}
let listChanged = 0;
const client = new Client({ name: "berth-it-ts-session", version: "1.0.0" });
client.setNotificationHandler(ToolListChangedNotificationSchema, () => { listChanged++; });
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
await client.connect(transport);
const reply = (o) => process.stdout.write(JSON.stringify({ ...o, listChanged }) + "\n");

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const cmd = JSON.parse(line);
  try {
    if (cmd.op === "list") {
      const tools = (await client.listTools()).tools;
      reply({ tools: tools.map((t) => ({ name: t.name, description: t.description, annotations: t.annotations })) });
    } else if (cmd.op === "call") {
      reply({ ok: true, result: await client.callTool({ name: cmd.tool, arguments: cmd.args ?? {} }) });
    } else if (cmd.op === "prompts") {
      reply({ prompts: (await client.listPrompts()).prompts.map((p) => p.name) });
    } else if (cmd.op === "prompt") {
      reply({ ok: true, result: await client.getPrompt({ name: cmd.name, arguments: cmd.args ?? {} }) });
    } else if (cmd.op === "resources") {
      reply({ resources: (await client.listResources()).resources.map((r) => r.uri) });
    } else if (cmd.op === "read") {
      reply({ ok: true, result: await client.readResource({ uri: cmd.uri }) });
    } else if (cmd.op === "close") {
      break;
    } else {
      reply({ ok: false, code: null, message: `unknown op ${cmd.op}` });
    }
  } catch (e) {
    reply({ ok: false, code: e.code ?? null, message: String(e.message ?? e) });
  }
}
// end the session as a well-behaved client does (HTTP DELETE with its Mcp-Session-Id), then disconnect
try { await transport.terminateSession(); } catch (e) { console.error(`terminating the session: ${e.message ?? e}`); }
await client.close();
process.exit(0);
