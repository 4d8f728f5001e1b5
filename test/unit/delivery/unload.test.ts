import type { ExportResponse } from '@opentelemetry/otlp-exporter-base';
import { describe, expect, it } from 'vitest';
import type { Piece } from '../../../src/delivery/payload.js';
import { claim, fits } from '../../../src/delivery/keepalive.js';
import { sendWithinQuota } from '../../../src/delivery/unload-flush.js';

/** A piece of about `kb` KiB whose JSON says which record it is. */
const piece = (id: string, kb: number, important: boolean): Piece => ({
  important,
  json: JSON.stringify({ id, pad: 'x'.repeat(kb * 1024 - 20) }),
  n: 1,
});

/** What the export's error tells CountingExporter: items sent and items stored. */
const errorOf = (r: ExportResponse) => (r as { error?: unknown }).error;

/** A transport stand-in that holds each request in flight (against the quota) until `answer()`. */
function transport(status: ExportResponse['status'] = 'success') {
  const bodies: string[] = [];
  const pending: Array<() => void> = [];
  const send = (body: Uint8Array) => {
    const release = claim(body.byteLength);
    bodies.push(new TextDecoder().decode(body));
    return new Promise<ExportResponse>((resolve) =>
      pending.push(() => {
        release();
        resolve({ status } as ExportResponse);
      }),
    );
  };
  const answer = async () => {
    await new Promise((r) => setTimeout(r, 0));
    for (const f of pending.splice(0)) f();
  };
  const ids = () => bodies.flatMap((b) => [...b.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]));
  const bytes = () => bodies.reduce((n, b) => n + new TextEncoder().encode(b).byteLength, 0);
  return { send, answer, ids, bytes, bodies };
}

describe('unload: an export over the keepalive quota is sent in pieces, most important first', () => {
  it('important pieces of a signal flushed later still fit: other pieces wait a microtask and leave the reserve', async () => {
    const t = transport();
    const keptLogs: string[] = [];
    const keptSpans: string[] = [];
    // Hide flushes logs, then spans, in the same task: a 100 KiB backlog of ordinary records, then a 20 KiB violated span.
    const logs = sendWithinQuota(
      'logs',
      [piece('violation', 2, true), ...Array.from({ length: 10 }, (_, i) => piece(`info-${i}`, 10, false))],
      t.send,
      async (rest) => {
        keptLogs.push(new TextDecoder().decode(rest));
        return 8;
      },
    );
    const spans = sendWithinQuota('traces', [piece('violated-span', 20, true)], t.send, async (rest) =>
      keptSpans.push(new TextDecoder().decode(rest)),
    );
    await new Promise((r) => setTimeout(r, 0));
    // Everything in flight at once stays within Chromium's 64 KiB (60 KiB as upstream counts) and 9 requests.
    expect(t.bytes()).toBeLessThanOrEqual(60 * 1024);
    expect(t.bodies.length).toBeLessThanOrEqual(9);
    expect(t.ids()).toContain('violation');
    expect(t.ids()).toContain('violated-span');
    // Ordinary records fill what is left minus the 16 KiB reserve: here two of ten.
    const infos = t.ids().filter((id) => id?.startsWith('info-'));
    expect(infos).toEqual(['info-0', 'info-1']);
    await t.answer();
    const [l, s] = await Promise.all([logs, spans]);
    expect(s).toEqual({ status: 'success' });
    // The rest goes to the keep callback (persistence) and is reported: 3 sent, 8 stored.
    expect(l.status).toBe('failure');
    expect(errorOf(l)).toMatchObject({ sent: 3, stored: 8 });
    expect(keptLogs).toHaveLength(1);
    expect(keptLogs[0]!.match(/"id":"info-\d+"/g)).toHaveLength(8);
    expect(keptSpans).toHaveLength(0);
    expect(fits(60 * 1024)).toBe(true); // every claim released
  });

  it('a refused request fails the export, nothing counted as sent; nothing to keep when all fitted', async () => {
    const t = transport('retryable');
    let kept = 0;
    const result = sendWithinQuota('traces', [piece('a', 20, true), piece('b', 20, false)], t.send, async () => ++kept);
    await t.answer();
    await t.answer();
    const r = await result;
    expect(r.status).toBe('failure');
    expect(errorOf(r)).toMatchObject({ sent: 0, stored: 0 });
    expect(t.ids()).toEqual(['a', 'b']);
    expect(kept).toBe(0);
  });
});
