import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import {
  CommitQueue,
  MAX_PENDING_COMMITS,
  type RenderPhase,
} from '../../../src/instrumentations/react/commit-queue.js';

type Seen = [string, RenderPhase, number, number, number, unknown, string | undefined];
const KEY = createContextKey('which commit');

/** A queue whose idle task only runs when the test says so. */
function manual(process: (q: CommitQueue<string>, ...args: Seen) => void) {
  let idle: (() => void) | undefined;
  const q: CommitQueue<string> = new CommitQueue<string>(
    (name, phase, actual, base, start, parent, target) =>
      process(q, name, phase, actual, base, start, parent.getValue(KEY), target),
    (fn) => {
      idle = fn;
    },
  );
  return { q, runIdle: () => idle?.() };
}

const ctx = (n: number) => ROOT_CONTEXT.setValue(KEY, n);

describe('CommitQueue (commits queued flat, no object per commit)', () => {
  it('hands each commit to the idle task with its own values, parent and owner, in commit order', () => {
    const seen: Seen[] = [];
    const { q, runIdle } = manual((_q, ...args) => seen.push(args));
    q.push('A', 'mount', 1.5, 2.5, 10, ctx(1), 'inst');
    q.push('B', 'update', 0.25, 0.5, 11, ctx(2), undefined);
    expect(seen).toEqual([]);
    expect(q.size).toBe(2);
    runIdle();
    expect(seen).toEqual([
      ['A', 'mount', 1.5, 2.5, 10, 1, 'inst'],
      ['B', 'update', 0.25, 0.5, 11, 2, undefined],
    ]);
    expect(q.size).toBe(0);
    // The reused columns must not replay old rows: a smaller second batch yields only its own.
    q.push('C', 'nested-update', 3, 4, 12, ctx(3), 'inst');
    runIdle();
    q.push('D', 'update', 5, 6, 13, ctx(4), undefined);
    runIdle();
    expect(seen.slice(2)).toEqual([
      ['C', 'nested-update', 3, 4, 12, 3, 'inst'],
      ['D', 'update', 5, 6, 13, 4, undefined],
    ]);
  });

  it('a commit made while draining (a listener rendering) waits for the next batch, none lost', () => {
    const seen: string[] = [];
    const { q, runIdle } = manual((queue, name) => {
      seen.push(name);
      if (name === 'A') queue.push('A2', 'update', 1, 1, 2, context.active(), undefined);
    });
    q.push('A', 'mount', 1, 1, 1, ROOT_CONTEXT, undefined);
    q.push('B', 'mount', 1, 1, 1, ROOT_CONTEXT, undefined);
    runIdle();
    expect(seen).toEqual(['A', 'B']);
    expect(q.size).toBe(1);
    q.drain();
    expect(seen).toEqual(['A', 'B', 'A2']);
  });

  it('a drain inside a drain (a burst filling the queue while draining) keeps every commit exactly once', () => {
    const seen: string[] = [];
    const { q } = manual((queue, name) => {
      seen.push(name);
      if (name === 'first')
        for (let i = 0; i < MAX_PENDING_COMMITS; i++)
          queue.push(`burst${i}`, 'update', 1, 1, 1, ROOT_CONTEXT, undefined);
    });
    q.push('first', 'mount', 1, 1, 1, ROOT_CONTEXT, undefined);
    q.push('second', 'mount', 1, 1, 1, ROOT_CONTEXT, undefined);
    q.drain();
    expect(seen).toHaveLength(MAX_PENDING_COMMITS + 2);
    expect(new Set(seen).size).toBe(MAX_PENDING_COMMITS + 2);
    expect(seen[0]).toBe('first');
    expect(seen.at(-1)).toBe('second');
    // Both batches are usable afterwards.
    q.push('after', 'update', 1, 1, 1, ROOT_CONTEXT, undefined);
    q.drain();
    expect(seen.at(-1)).toBe('after');
    expect(q.size).toBe(0);
  });

  it('a commit whose processing throws does not stop the others', () => {
    const seen: string[] = [];
    const { q } = manual((_q, name) => {
      if (name === 'bad') throw new Error('boom');
      seen.push(name);
    });
    for (const name of ['a', 'bad', 'c']) q.push(name, 'update', 1, 1, 1, ROOT_CONTEXT, undefined);
    q.drain();
    expect(seen).toEqual(['a', 'c']);
  });
});
