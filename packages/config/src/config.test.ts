import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  exportTracingEnv,
  loadAgentConfig,
  loadBackendConfig,
  loadWorkerConfig,
} from './index.ts';

const base = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  PUBLIC_BASE_URL: 'https://voice.example.com/',
};

describe('config', () => {
  it('applies defaults and normalises values', () => {
    const cfg = loadBackendConfig(base);
    expect(cfg.BACKEND_PORT).toBe(3000);
    expect(cfg.PUBLIC_BASE_URL).toBe('https://voice.example.com');
    expect(loadAgentConfig(base).AGENT_PORT).toBe(8000);
    expect(loadWorkerConfig(base).WORKER_HTTP_PORT).toBe(8100);
    expect(loadAgentConfig(base).ANTHROPIC_MODEL).toBe('claude-sonnet-5-5');
  });

  it('reads the agent settings and passes LangSmith tracing through only with a key', () => {
    const agent = loadAgentConfig({ ...base, ANTHROPIC_MAX_TOKENS: '300', PINECONE_API_KEY: '' });
    expect(agent.ANTHROPIC_MAX_TOKENS).toBe(300);
    expect(agent.PINECONE_API_KEY).toBeUndefined();
    expect(() => loadAgentConfig({ ...base, ANTHROPIC_BASE_URL: 'not a url' })).toThrow(
      /ANTHROPIC_BASE_URL/,
    );
    const untouched: Record<string, string | undefined> = {};
    exportTracingEnv(agent, untouched);
    expect(untouched).toEqual({});
    const traced: Record<string, string | undefined> = {};
    exportTracingEnv(loadAgentConfig({ ...base, LANGSMITH_API_KEY: 'ls-key' }), traced);
    expect(traced).toEqual({
      LANGSMITH_TRACING: 'true',
      LANGSMITH_API_KEY: 'ls-key',
      LANGSMITH_PROJECT: 'receptionist-agent',
    });
  });

  it('reads the same Pinecone index settings in the worker as in the admin API', () => {
    const off = loadWorkerConfig(base);
    expect(off.PINECONE_API_KEY).toBeUndefined();
    expect(off.PINECONE_INDEX).toBe('receptionist-knowledge');
    const env = {
      ...base,
      PINECONE_API_KEY: 'pc-key',
      PINECONE_INDEX_HOST: 'https://kb-abc.svc.aped.pinecone.io/',
      PINECONE_TIMEOUT_MS: '4000',
    };
    const worker = loadWorkerConfig(env);
    expect(worker).toMatchObject({
      PINECONE_API_KEY: 'pc-key',
      PINECONE_INDEX_HOST: 'https://kb-abc.svc.aped.pinecone.io',
      PINECONE_TIMEOUT_MS: 4000,
    });
    const backend = loadBackendConfig(env);
    expect(backend.PINECONE_INDEX_HOST).toBe(worker.PINECONE_INDEX_HOST);
    expect(() => loadWorkerConfig({ ...base, PINECONE_INDEX_HOST: 'nope' })).toThrow(
      /PINECONE_INDEX_HOST/,
    );
  });

  it('reads the SMTP relay for staff emails, unset by default', () => {
    const plain = loadWorkerConfig(base);
    expect(plain.SMTP_URL).toBeUndefined();
    expect(plain.MAIL_FROM).toBe('Receptionist <no-reply@localhost>');
    expect(plain.SMTP_TIMEOUT_MS).toBe(10_000);
    const relay = loadWorkerConfig({
      ...base,
      SMTP_URL: 'smtp://user:pa%40ss@smtp.example.com:587',
      MAIL_FROM: 'Bright Smile <desk@example.com>',
      SMTP_TIMEOUT_MS: '3000',
    });
    expect(relay.SMTP_URL).toBe('smtp://user:pa%40ss@smtp.example.com:587');
    expect(relay.MAIL_FROM).toBe('Bright Smile <desk@example.com>');
    expect(relay.SMTP_TIMEOUT_MS).toBe(3_000);
    expect(() => loadWorkerConfig({ ...base, SMTP_URL: 'https://smtp.example.com' })).toThrow(
      /SMTP_URL/,
    );
  });

  it('names every missing or invalid variable', () => {
    const { DATABASE_URL: _omit, ...rest } = base;
    try {
      loadBackendConfig({ ...rest, REDIS_URL: 'http://nope', BACKEND_PORT: 'abc' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const vars = (err as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(['BACKEND_PORT', 'DATABASE_URL', 'REDIS_URL']);
      expect((err as ConfigError).message).toContain('DATABASE_URL is required');
    }
  });

  it('stops a process at start with one line naming the missing variable', () => {
    const script = `import { loadOrExit, loadWorkerConfig } from ${JSON.stringify(
      fileURLToPath(new URL('./index.ts', import.meta.url)),
    )}; loadOrExit(loadWorkerConfig); console.log('started');`;
    const { DATABASE_URL: _omit, ...rest } = base;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, ...rest },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('started');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('DATABASE_URL is required');
  });
});
