// Throwaway PostgreSQL and Redis servers for tests that stop and start a dependency.
// They use the same Debian binaries as scripts/services.sh, on free loopback ports.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function pgBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  const last = versions[versions.length - 1];
  if (!last) throw new Error('PostgreSQL binaries not found: run scripts/services.sh up');
  return join(root, last, 'bin');
}

const isRoot = process.getuid?.() === 0;

function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

export interface ManagedServer {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPostgresServer(): Promise<ManagedServer> {
  const bin = pgBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'pgtest-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const [cmd, args] = asPostgres(join(bin, 'initdb'), [
    '-D',
    dir,
    '-U',
    'test',
    '--auth=trust',
    '-E',
    'UTF8',
  ]);
  execFileSync(cmd, args, { stdio: 'ignore' });
  const port = await freePort();
  const url = `postgres://test@127.0.0.1:${port}/postgres`;
  const ctl = (action: string[]) => {
    const [c, a] = asPostgres(join(bin, 'pg_ctl'), ['-D', dir, ...action]);
    execFileSync(c, a, { stdio: 'ignore' });
  };
  const server: ManagedServer = {
    url,
    port,
    async start() {
      ctl([
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
        '-w',
        '-t',
        '30',
        'start',
      ]);
    },
    async stop() {
      ctl(['-m', 'immediate', '-w', 'stop']);
    },
    async destroy() {
      try {
        ctl(['-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  await waitFor(
    async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.end();
      return true;
    },
    15_000,
    'postgres',
  );
  return server;
}

export async function startRedisServer(): Promise<ManagedServer> {
  const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'redistest-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const server: ManagedServer = {
    url,
    port,
    async start() {
      child = spawn(
        bin,
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        {
          stdio: 'ignore',
        },
      );
      await waitFor(
        async () => {
          const r = new Redis(url, {
            lazyConnect: true,
            maxRetriesPerRequest: 0,
            retryStrategy: () => null,
          });
          r.on('error', () => undefined);
          try {
            await r.connect();
            return (await r.ping()) === 'PONG';
          } finally {
            r.disconnect();
          }
        },
        10_000,
        'redis',
      );
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async destroy() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
