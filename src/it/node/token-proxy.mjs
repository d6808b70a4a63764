// A loopback proxy that adds the bearer token: the official conformance suite has no option for an
// Authorization header, and Berth's MCP endpoint always requires one. Host, Origin and everything else
// are passed through unchanged, so the suite's DNS-rebinding checks still reach Berth's guard.
//   node token-proxy.mjs LISTEN_PORT TARGET_URL TOKEN
import http from "node:http";

const [listenPort, target, token] = process.argv.slice(2);
const to = new URL(target);
http.createServer((req, res) => {
  const headers = { ...req.headers, authorization: `Bearer ${token}` };
  const upstream = http.request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers }, (up) => {
    res.writeHead(up.statusCode, up.headers);
    up.pipe(res);
  });
  upstream.on("error", (e) => { res.writeHead(502); res.end(String(e)); });
  req.pipe(upstream);
}).listen(Number(listenPort), "127.0.0.1", () => console.error(`token proxy on 127.0.0.1:${listenPort} -> ${target}`));
