import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadAgentConfig, loadBackendConfig, loadWorkerConfig } from '@receptionist/config';
import { createLogger, serve } from '@receptionist/observability';

/**
 * Low finding: every process listened on 0.0.0.0, so the agent (and the worker's health and
 * metrics) faced whatever network the host is on. Internal services now bind loopback unless
 * BIND_HOST says otherwise, which only the compose files do (inside their containers).
 */
const env = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  PUBLIC_BASE_URL: 'https://voice.example.com',
};

describe('internal ports bind loopback by default', () => {
  it('serve() listens on 127.0.0.1 unless given a host', async () => {
    const { server } = await serve({
      app: (_req, res) => res.end('ok'),
      port: 0,
      logger: createLogger({ service: 'test', level: 'silent' }),
      closers: [],
    });
    try {
      expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('every process reads BIND_HOST, loopback by default; only the containers open up', () => {
    for (const load of [loadBackendConfig, loadAgentConfig, loadWorkerConfig]) {
      expect(load(env).BIND_HOST).toBe('127.0.0.1');
      expect(load({ ...env, BIND_HOST: '0.0.0.0' }).BIND_HOST).toBe('0.0.0.0');
    }
    for (const file of ['docker-compose.yml', 'docker-compose.prod.yml']) {
      const compose = readFileSync(new URL(`../../../../${file}`, import.meta.url), 'utf8');
      expect(compose).toMatch(/BIND_HOST: 0\.0\.0\.0/);
      expect(compose).toMatch(/AGENT_SHARED_SECRET: /);
    }
    for (const main of ['backend', 'agent', 'worker']) {
      const src = readFileSync(new URL(`../../../${main}/src/main.ts`, import.meta.url), 'utf8');
      expect(src).toContain('host: config.BIND_HOST');
    }
  });
});
