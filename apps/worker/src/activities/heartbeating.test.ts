import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { heartbeating } from './heartbeating.ts';

const slow = (ms: number, value: string) =>
  new Promise<string>((resolve) => setTimeout(() => resolve(value), ms));

describe('heartbeating', () => {
  it('heartbeats from the start and every half second while the activity runs, then stops', async () => {
    const env = new MockActivityEnvironment();
    const beats: number[] = [];
    env.on('heartbeat', () => beats.push(Date.now()));
    const started = Date.now();
    const result = await env.run(heartbeating(slow), 1_300, 'held');
    expect(result).toBe('held');
    // One at the start, then at ~500 and ~1000 ms.
    expect(beats).toHaveLength(3);
    expect(beats[0]! - started).toBeLessThan(100);
    const after = beats.length;
    await slow(700, '');
    expect(beats).toHaveLength(after);
  });

  it('passes the activity’s failure through and stops beating', async () => {
    const env = new MockActivityEnvironment();
    let beats = 0;
    env.on('heartbeat', () => (beats += 1));
    const failing = heartbeating(async () => {
      await slow(50, '');
      throw new Error('slot taken');
    });
    await expect(env.run(failing)).rejects.toThrow('slot taken');
    const after = beats;
    await slow(600, '');
    expect(beats).toBe(after);
  });

  it('runs the function as is outside an activity', async () => {
    expect(await heartbeating(slow)(10, 'plain')).toBe('plain');
  });
});
