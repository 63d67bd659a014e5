// The terminal phone's inbox: the texts our outbound path left for the caller's number. Without
// Twilio credentials they stay in outbound_messages (status queued); with them they are sent and
// still recorded there. Polled while the phone is up, so a text that lands at any moment (the
// Checkout link during the call, the confirmation after paying) is shown when it lands.
import pg from 'pg';

export interface OutboxText {
  id: string;
  body: string;
  status: string;
}

export interface OutboxWatch {
  /** Every text seen so far, oldest first. */
  readonly texts: OutboxText[];
  /** Resolves true once `check` holds for the texts seen, false after `timeoutMs`. */
  until(check: (texts: OutboxText[]) => boolean, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export async function watchOutbox(opts: {
  databaseUrl: string;
  to: string;
  onText: (t: OutboxText) => void;
  intervalMs?: number;
}): Promise<OutboxWatch> {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  let connected = true;
  await client.connect().catch(() => {
    // No database (the stack is not running): the phone still works, without texts.
    connected = false;
  });
  // The database's clock, not ours: created_at is stamped by it.
  const since = connected
    ? ((await client.query('SELECT now() AS now')).rows[0].now as Date)
    : new Date();
  const texts: OutboxText[] = [];
  const seen = new Set<string>();
  const waiters = new Set<() => void>();

  async function poll() {
    if (!connected) return;
    const { rows } = await client.query(
      `SELECT id, body, status FROM outbound_messages WHERE "to" = $1 AND created_at >= $2
        ORDER BY created_at, id LIMIT 200`,
      [opts.to, since],
    );
    for (const r of rows as OutboxText[]) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      texts.push(r);
      opts.onText(r);
    }
    for (const w of waiters) w();
  }

  let stopped = false;
  let polling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling.then(poll).catch(() => undefined);
  }, opts.intervalMs ?? 400);

  return {
    texts,
    until(check, timeoutMs) {
      if (check(texts)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (ok: boolean) => {
          waiters.delete(onPoll);
          clearTimeout(t);
          resolve(ok);
        };
        const onPoll = () => {
          if (check(texts)) done(true);
        };
        const t = setTimeout(() => done(false), timeoutMs);
        waiters.add(onPoll);
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await polling;
      await poll().catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
