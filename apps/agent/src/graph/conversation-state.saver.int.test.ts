import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { emptyCheckpoint } from '@langchain/langgraph-checkpoint';
import { seedDemoTenant, type Queryable } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationStateSaver } from './conversation-state.saver.ts';

let db: TestDatabase;
let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ tenantId } = await seedDemoTenant(db.pool));
  const { rows } = await db.pool.query(
    `INSERT INTO tenants (name, slug, timezone)
     VALUES ('Other', 'other-saver', 'America/New_York') RETURNING id`,
  );
  otherTenantId = rows[0].id as string;
});
afterAll(async () => {
  await db?.drop();
});

/** Counts the statements a saver sends, to hold the one-write-per-turn contract. */
function counting(pool: Queryable) {
  const seen: string[] = [];
  const q: Queryable = {
    query: ((text: string, values?: unknown[]) => {
      seen.push(text);
      return pool.query(text, values);
    }) as Queryable['query'],
  };
  return { q, seen };
}

const State = Annotation.Root({
  heard: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }),
  step: Annotation<string>({ reducer: (_a, b) => b, default: () => 'start' }),
  turns: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
});

function graph(saver: ConversationStateSaver) {
  return new StateGraph(State)
    .addNode('listen', (s: typeof State.State) => ({
      heard: [`turn ${s.turns + 1}`],
      turns: 1,
    }))
    .addNode('decide', (s: typeof State.State) => ({
      step: s.turns >= 2 ? 'booking' : 'greeting',
    }))
    .addEdge(START, 'listen')
    .addEdge('listen', 'decide')
    .addEdge('decide', END)
    .compile({ checkpointer: saver });
}

describe('ConversationStateSaver on PostgreSQL', () => {
  it('resumes a conversation in a fresh process from one row written by one statement per turn', async () => {
    const thread = { configurable: { thread_id: `${tenantId}:CA-resume` } };
    const first = counting(db.pool);
    const s1 = await graph(new ConversationStateSaver(first.q)).invoke(
      {},
      {
        ...thread,
        durability: 'exit',
      },
    );
    expect(s1).toMatchObject({ heard: ['turn 1'], step: 'greeting', turns: 1 });
    // One read of the last state, one write of the new one.
    expect(first.seen.filter((t) => /INSERT|UPDATE|DELETE/.test(t))).toHaveLength(1);
    expect(first.seen).toHaveLength(2);

    // Another replica (a new saver, same database) takes the next turns where the first left off.
    const s2 = await graph(new ConversationStateSaver(db.pool)).invoke(
      {},
      {
        ...thread,
        durability: 'exit',
      },
    );
    const s3 = await graph(new ConversationStateSaver(db.pool)).invoke(
      {},
      {
        ...thread,
        durability: 'exit',
      },
    );
    expect(s2).toMatchObject({ heard: ['turn 1', 'turn 2'], step: 'booking', turns: 2 });
    expect(s3.heard).toEqual(['turn 1', 'turn 2', 'turn 3']);
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM agent_conversation_states WHERE thread_id = $1',
      [thread.configurable.thread_id],
    );
    expect(rows[0].n).toBe(1);

    const state = await graph(new ConversationStateSaver(db.pool)).getState(thread);
    expect(state.values).toMatchObject({ turns: 3, step: 'booking' });
  });

  it('keeps tenants apart even for the same conversation id', async () => {
    const saver = new ConversationStateSaver(db.pool);
    await graph(saver).invoke({}, { configurable: { thread_id: `${tenantId}:CA-same` } });
    await graph(saver).invoke({}, { configurable: { thread_id: `${tenantId}:CA-same` } });
    const other = await graph(saver).invoke(
      {},
      { configurable: { thread_id: `${otherTenantId}:CA-same` } },
    );
    expect(other.turns).toBe(1);
    await saver.deleteThread(`${tenantId}:CA-same`);
    expect(
      await saver.getTuple({ configurable: { thread_id: `${tenantId}:CA-same` } }),
    ).toBeUndefined();
    expect(
      await saver.getTuple({ configurable: { thread_id: `${otherTenantId}:CA-same` } }),
    ).toBeDefined();
  });

  it('stores the pending writes of a checkpoint and drops them with the next checkpoint', async () => {
    const saver = new ConversationStateSaver(db.pool);
    const config = { configurable: { thread_id: `${tenantId}:SM-writes`, checkpoint_ns: '' } };
    const cp = { ...emptyCheckpoint(), id: '1ef00000-0000-6000-8000-000000000001' };
    const saved = await saver.put(config, cp, { source: 'input', step: -1, parents: {} }, {});
    await saver.putWrites(saved, [['heard', ['hello']]], 'task-a');
    await saver.putWrites(saved, [['heard', ['again']]], 'task-a');
    await saver.putWrites(saved, [['step', 'x']], 'task-b');
    const tuple = await saver.getTuple(config);
    expect(tuple?.checkpoint.id).toBe(cp.id);
    expect(tuple?.pendingWrites).toEqual([
      ['task-a', 'heard', ['again']],
      ['task-b', 'step', 'x'],
    ]);
    const listed = [];
    for await (const t of saver.list(config)) listed.push(t);
    expect(listed).toHaveLength(1);
    const next = { ...emptyCheckpoint(), id: '1ef00000-0000-6000-8000-000000000002' };
    await saver.put(saved, next, { source: 'loop', step: 0, parents: {} }, {});
    const after = await saver.getTuple(config);
    expect(after?.pendingWrites).toEqual([]);
    expect(after?.parentConfig?.configurable?.checkpoint_id).toBe(cp.id);
    expect(
      await saver.getTuple({ configurable: { ...config.configurable, checkpoint_id: cp.id } }),
    ).toBeUndefined();
  });
});
