// Stand-in for apps/backend behind nginx in the edge test. It checks Twilio signatures the way
// the backend does (twilio.validateRequest over PUBLIC_BASE_URL + the request's original URL),
// hashes webhook bodies as received, echoes the headers it saw and runs a WebSocket echo on the
// relay path. Usage: node standin-backend.mjs <port>  (env TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL)
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(`${repoRoot}apps/backend/package.json`);
const twilio = require('twilio');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2]);
const authToken = process.env.TWILIO_AUTH_TOKEN;
const publicBaseUrl = process.env.PUBLIC_BASE_URL.replace(/\/+$/, '');

const seen = (req) => ({
  url: req.url,
  host: req.headers.host,
  xForwardedProto: req.headers['x-forwarded-proto'],
  xForwardedFor: req.headers['x-forwarded-for'],
  xForwardedHost: req.headers['x-forwarded-host'],
  xRequestId: req.headers['x-request-id'],
});

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const path = req.url.split('?')[0];
    if (path === '/health' || path === '/metrics' || path === '/ready') {
      return json(res, 200, { ok: true, path });
    }
    if (req.method === 'POST' && path.startsWith('/twilio/')) {
      const params = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
      const signature = req.headers['x-twilio-signature'] ?? '';
      const valid = twilio.validateRequest(authToken, signature, publicBaseUrl + req.url, params);
      if (!valid) return json(res, 403, { error: 'invalid signature', ...seen(req) });
      res.writeHead(200, { 'content-type': 'text/xml' });
      return res.end('<?xml version="1.0" encoding="UTF-8"?><Response><Say>ok</Say></Response>');
    }
    if (req.method === 'POST' && path.startsWith('/webhooks/')) {
      return json(res, 200, {
        sha256: createHash('sha256').update(raw).digest('hex'),
        length: raw.length,
        stripeSignature: req.headers['stripe-signature'],
        contentType: req.headers['content-type'],
        ...seen(req),
      });
    }
    if (path.startsWith('/admin/v1/')) return json(res, 200, seen(req));
    return json(res, 404, { error: 'not found', path });
  });
});

const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  if (req.url.split('?')[0] !== '/twilio/relay') return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.send(JSON.stringify({ type: 'hello', ...seen(req) }));
    ws.on('message', (data) => ws.send(data.toString()));
  });
});

server.listen(port, '127.0.0.1', () => console.log(`stand-in backend on 127.0.0.1:${port}`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
