// A deliberately hostile MCP server over Streamable HTTP (JSON answers), for McpGatewayHardeningIT.
// Node's standard library only; runs in the test image (localhost:5000/mcp-everything:test) as
//   node hostile.mjs MODE PORT
// MODE pages: tools/list answers 1,500 tools a page and a next cursor, forever.
// MODE huge:  resources huge://big (a 5 MiB answer) and huge://small.
// MODE flaky: HTTP 503 to everything for FLAKY_MS (6 s) after the first request, then a well-behaved server;
//             GET /attempts lists when each initialize arrived (ms since the first), to measure the backoff.
import http from 'node:http';

const [mode, port] = [process.argv[2], Number(process.argv[3] || 3100)];
const FLAKY_MS = 6000;
let first = null;
const attempts = [];

function result(msg) {
  const p = msg.params || {};
  switch (msg.method) {
    case 'initialize':
      return { protocolVersion: p.protocolVersion || '2025-06-18', serverInfo: { name: 'hostile-' + mode, version: '1' },
               capabilities: mode === 'pages' ? { tools: {} } : { tools: {}, resources: {} } };
    case 'ping': return {};
    case 'tools/list':
      if (mode !== 'pages') return { tools: [] };
      const page = Number((p.cursor || 'page-0').slice(5));
      const tools = [];
      for (let i = 0; i < 1500; i++) {
        tools.push({ name: `t${page}_${i}`, description: 'tool ' + i + ' of page ' + page + ' '.padEnd(200, 'x'),
                     inputSchema: { type: 'object', properties: { a: { type: 'string' } } } });
      }
      return { tools, nextCursor: 'page-' + (page + 1) };
    case 'resources/list':
      return { resources: mode === 'huge' ? [{ uri: 'huge://big', name: 'big' }, { uri: 'huge://small', name: 'small' }]
                                          : [{ uri: mode + '://ok', name: 'ok' }] };
    case 'resources/read':
      return { contents: [{ uri: p.uri, mimeType: 'text/plain',
                            text: p.uri === 'huge://big' ? 'x'.repeat(5 * 1024 * 1024) : 'small answer from ' + mode }] };
    default: return null;
  }
}

http.createServer((req, res) => {
  const now = Date.now();
  if (req.method === 'GET' && req.url === '/attempts') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify(attempts));
  }
  if (req.method !== 'POST') { res.writeHead(req.method === 'DELETE' ? 200 : 405); return res.end(); }
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    let msg;
    try { msg = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { res.writeHead(400); return res.end(); }
    if (first === null) first = now;
    if (msg.method === 'initialize') attempts.push(now - first);
    if (mode === 'flaky' && now - first < FLAKY_MS) { res.writeHead(503); return res.end('not yet'); }
    if (msg.id === undefined) { res.writeHead(202); return res.end(); }
    const r = result(msg);
    const body = r === null ? { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'no ' + msg.method } }
                            : { jsonrpc: '2.0', id: msg.id, result: r };
    res.writeHead(200, { 'Content-Type': 'application/json', 'Mcp-Session-Id': 'hostile-' + mode });
    res.end(JSON.stringify(body));
  });
}).listen(port, '0.0.0.0', () => console.log(`hostile MCP server (${mode}) on ${port}`));
