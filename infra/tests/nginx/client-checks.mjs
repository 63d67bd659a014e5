// Requests through the nginx under test; prints one "ok - ..." / "not ok - ..." line per check.
// Env: DOMAIN, TLS_PORT, HTTP_PORT, BACKEND_PORT, CA_FILE, TWILIO_AUTH_TOKEN, ACME_TOKEN,
// ACME_CONTENT, MODE (standin: every check; real: the Twilio signature checks only).
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(`${repoRoot}apps/backend/package.json`);
const twilio = require('twilio');
const WebSocket = require('ws');

const env = process.env;
const DOMAIN = env.DOMAIN;
const ca = readFileSync(env.CA_FILE);
const mode = env.MODE ?? 'standin';
let failed = 0;
const results = [];

function send({
  tls = true,
  port = tls ? env.TLS_PORT : env.HTTP_PORT,
  method = 'GET',
  path,
  headers = {},
  body,
}) {
  const doRequest = tls ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = doRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        ca,
        servername: DOMAIN,
        headers: { host: DOMAIN, ...headers },
        agent: false,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function check(name, fn) {
  try {
    const detail = await fn();
    if (detail === true) results.push(`ok - ${name}`);
    else {
      failed++;
      results.push(`not ok - ${name}: ${detail}`);
    }
  } catch (err) {
    failed++;
    results.push(`not ok - ${name}: ${err.message}`);
  }
}

const form = (params) => new URLSearchParams(params).toString();
const voicePath = '/twilio/voice?tenant=acme%2Fnorth&lang=fr-CA';
const voiceParams = {
  CallSid: 'CA0123456789abcdef',
  From: '+15145550100',
  To: '+15145550199',
  SpeechResult: "J'aimerais un rendez-vous à 14 h, s.v.p. & merci",
};
const signature = twilio.getExpectedTwilioSignature(
  env.TWILIO_AUTH_TOKEN,
  `https://${DOMAIN}${voicePath}`,
  voiceParams,
);
const formHeaders = {
  'content-type': 'application/x-www-form-urlencoded',
  'x-twilio-signature': signature,
};

await check(`Twilio-signed webhook validates through nginx (${mode} backend)`, async () => {
  const r = await send({
    method: 'POST',
    path: voicePath,
    headers: formHeaders,
    body: form(voiceParams),
  });
  // A valid signature must be answered with TwiML, not merely "not refused".
  return r.status === 200 ? true : `status ${r.status}: ${r.body.slice(0, 200)}`;
});

await check(`tampered Twilio webhook is refused (${mode} backend)`, async () => {
  const r = await send({
    method: 'POST',
    path: voicePath,
    headers: formHeaders,
    body: form({ ...voiceParams, SpeechResult: 'Annulez tout' }),
  });
  return r.status === 403 || r.status === 401 || `status ${r.status}`;
});

if (mode === 'standin') {
  await check('HTTP redirects to HTTPS keeping path and query', async () => {
    const r = await send({ tls: false, path: '/twilio/voice?x=1' });
    const want = `https://${DOMAIN}/twilio/voice?x=1`;
    return (
      (r.status === 301 && r.headers.location === want) ||
      `status ${r.status} location ${r.headers.location}`
    );
  });

  await check('ACME HTTP-01 challenge served from the certbot webroot', async () => {
    const r = await send({ tls: false, path: `/.well-known/acme-challenge/${env.ACME_TOKEN}` });
    return (r.status === 200 && r.body.trim() === env.ACME_CONTENT) || `status ${r.status}`;
  });

  await check('webhook body reaches the backend byte for byte, Stripe-Signature kept', async () => {
    const body =
      '{"id":"evt_1","type":"checkout.session.completed",  "data":{"note":"café\\u00e9 ✓"}}\n';
    const r = await send({
      method: 'POST',
      path: '/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' },
      body,
    });
    const seen = JSON.parse(r.body);
    const want = createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex');
    if (r.status !== 200) return `status ${r.status}`;
    if (seen.sha256 !== want) return `body changed: ${seen.sha256} != ${want}`;
    return seen.stripeSignature === 't=1,v1=abc' || `stripe-signature ${seen.stripeSignature}`;
  });

  await check('backend sees Host, X-Forwarded-Proto/For/Host and a request id', async () => {
    const r = await send({ path: '/admin/v1/echo?a=1' });
    const s = JSON.parse(r.body);
    const bad = [];
    if (s.host !== DOMAIN) bad.push(`host=${s.host}`);
    if (s.xForwardedProto !== 'https') bad.push(`proto=${s.xForwardedProto}`);
    if (!String(s.xForwardedFor).includes('127.0.0.1')) bad.push(`xff=${s.xForwardedFor}`);
    if (s.xForwardedHost !== DOMAIN) bad.push(`xfh=${s.xForwardedHost}`);
    if (!/^[0-9a-f]{32}$/.test(s.xRequestId ?? '')) bad.push(`rid=${s.xRequestId}`);
    if (r.headers['x-request-id'] !== s.xRequestId) bad.push('response X-Request-Id differs');
    if (s.url !== '/admin/v1/echo?a=1') bad.push(`url=${s.url}`);
    return bad.length === 0 || bad.join(', ');
  });

  await check("a caller's X-Request-Id is passed through unchanged", async () => {
    const r = await send({
      path: '/admin/v1/echo',
      headers: { 'x-request-id': 'twilio-retry-42' },
    });
    return JSON.parse(r.body).xRequestId === 'twilio-retry-42' || r.body;
  });

  await check(
    'security headers present (HSTS, nosniff, frame, CSP, referrer), version hidden',
    async () => {
      const r = await send({ path: '/health' });
      const h = r.headers;
      const bad = [];
      if (!/max-age=\d{8}/.test(h['strict-transport-security'] ?? '')) bad.push('hsts');
      if (h['x-content-type-options'] !== 'nosniff') bad.push('nosniff');
      if (h['x-frame-options'] !== 'DENY') bad.push('frame');
      if (!(h['content-security-policy'] ?? '').includes("frame-ancestors 'none'")) bad.push('csp');
      if (h['referrer-policy'] !== 'no-referrer') bad.push('referrer');
      if (/\d/.test(h.server ?? '')) bad.push(`server=${h.server}`);
      return (
        (r.status === 200 && bad.length === 0) || `status ${r.status} missing ${bad.join(',')}`
      );
    },
  );

  await check(
    '/metrics and /ready refused at the edge, though the backend serves them',
    async () => {
      const direct = await send({ tls: false, port: env.BACKEND_PORT, path: '/metrics' });
      const m = await send({ path: '/metrics' });
      const ready = await send({ path: '/ready' });
      const hsts = m.headers['strict-transport-security'];
      return (
        (direct.status === 200 && m.status === 403 && ready.status === 403 && hsts !== undefined) ||
        `direct ${direct.status} metrics ${m.status} ready ${ready.status}`
      );
    },
  );

  await check('unrouted paths (Temporal UI, root) are 404', async () => {
    const a = await send({ path: '/' });
    const b = await send({ path: '/namespaces/default/workflows' });
    return (a.status === 404 && b.status === 404) || `${a.status} ${b.status}`;
  });

  await check('oversized Twilio body gets 413', async () => {
    const r = await send({
      method: 'POST',
      path: '/twilio/sms',
      headers: formHeaders,
      body: form({ Body: 'x'.repeat(300 * 1024) }),
    });
    return r.status === 413 || `status ${r.status}`;
  });

  await check('WebSocket upgrade on /twilio/relay, echo round trip', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${env.TLS_PORT}/twilio/relay`, {
      ca,
      servername: DOMAIN,
      headers: { host: DOMAIN },
    });
    const messages = [];
    const done = new Promise((resolve, reject) => {
      ws.on('message', (d) => {
        messages.push(JSON.parse(d.toString()));
        if (messages.length === 1)
          ws.send(JSON.stringify({ type: 'prompt', voicePrompt: 'bonjour' }));
        if (messages.length === 2) {
          ws.close();
          resolve();
        }
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
      ws.on('error', reject);
      setTimeout(() => reject(new Error('no echo within 10 s')), 10_000).unref();
    });
    await done;
    const [hello, echo] = messages;
    if (hello.xForwardedProto !== 'https' || hello.host !== DOMAIN)
      return `hello ${JSON.stringify(hello)}`;
    return echo.voicePrompt === 'bonjour' || `echo ${JSON.stringify(echo)}`;
  });

  await check('a burst on the admin API gets 429 after the allowance', async () => {
    const rs = await Promise.all(
      Array.from({ length: 80 }, () => send({ path: '/admin/v1/ping' })),
    );
    const ok = rs.filter((r) => r.status === 200).length;
    const limited = rs.filter((r) => r.status === 429).length;
    return (ok >= 1 && limited >= 1 && ok + limited === rs.length) || `200s=${ok} 429s=${limited}`;
  });
}

for (const line of results) console.log(line);
process.exit(failed === 0 ? 0 : 1);
