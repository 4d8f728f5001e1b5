// Browser-like trace traffic for the scale-out test and bench: each trace is an interaction root
// with 5–20 children; its spans reach the collector in 1–3 OTLP/HTTP requests up to `spreadMs`
// apart (a browser's BatchSpanProcessor exports every 5 s, so children ended early go in an
// earlier batch than their root), and each request carries the parts of many traces that fell
// due together, as one browser's batch would. Deterministic for a given seed.

/** Mulberry32: a small seeded PRNG, so a run's trace ids (and sampling decisions) repeat. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (rand, bytes) =>
  Array.from({ length: bytes }, () =>
    Math.floor(rand() * 256)
      .toString(16)
      .padStart(2, '0'),
  ).join('');

const str = (key, v) => ({ key, value: { stringValue: v } });
const num = (key, v) => ({ key, value: { doubleValue: v } });
const bool = (key, v) => ({ key, value: { boolValue: v } });

/**
 * `count` traces; `violationShare` of them have a child over budget (ui.budget.exceeded), a
 * further `errorShare` a failed child (status ERROR + an exception event). Kind is 'violation',
 * 'error' or 'plain'.
 */
export function makeTraces({
  count,
  seed = 1,
  violationShare = 0.1,
  errorShare = 0.05,
  spreadMs = 5000,
  label = 'run',
}) {
  const rand = prng(seed);
  const traces = [];
  for (let i = 0; i < count; i++) {
    const traceId = hex(rand, 16);
    const rootId = hex(rand, 8);
    const children = 5 + Math.floor(rand() * 16);
    const r = rand();
    const kind = r < violationShare ? 'violation' : r < violationShare + errorShare ? 'error' : 'plain';
    const start = Date.now() * 1e6;
    const spans = [];
    for (let c = 0; c < children; c++) {
      const over = kind === 'violation' && c === 0;
      const failed = kind === 'error' && c === 0;
      const dur = (1 + Math.floor(rand() * 12)) * 1e6;
      spans.push({
        traceId,
        spanId: hex(rand, 8),
        parentSpanId: rootId,
        name: c % 3 === 0 ? 'table.sort' : 'render Row',
        kind: 1,
        startTimeUnixNano: String(start + c * 1e6),
        endTimeUnixNano: String(start + c * 1e6 + dur),
        attributes: [
          str('ui.operation', c % 3 === 0 ? 'table.sort' : 'component.render'),
          num('ui.budget.ms', 16),
          bool('ui.budget.exceeded', over),
          str('frametel.test.run', label),
        ],
        status: failed ? { code: 2, message: 'boom' } : {},
        events: failed
          ? [{ name: 'exception', timeUnixNano: String(start), attributes: [str('exception.type', 'TypeError')] }]
          : [],
      });
    }
    spans.push({
      traceId,
      spanId: rootId,
      name: 'interaction click',
      kind: 1,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + (children + 20) * 1e6),
      attributes: [str('ui.operation', 'interaction'), num('ui.budget.ms', 200), bool('ui.budget.exceeded', false)],
      status: {},
    });
    // 1–3 parts; the root travels in the last one, up to spreadMs after the first.
    const parts = 1 + Math.floor(rand() * 3);
    const cut = [...new Set(Array.from({ length: parts - 1 }, () => 1 + Math.floor(rand() * (spans.length - 1))))].sort(
      (a, b) => a - b,
    );
    const bounds = [0, ...cut, spans.length];
    const delays = bounds
      .slice(1)
      .map((_, k) => (k === 0 ? 0 : Math.floor(rand() * spreadMs)))
      .sort((a, b) => a - b);
    const sends = bounds.slice(1).map((end, k) => ({ at: delays[k], spans: spans.slice(bounds[k], end) }));
    traces.push({ traceId, kind, spanCount: spans.length, sends });
  }
  return traces;
}

/**
 * Sends `traces` to `url` (OTLP/HTTP base), starting `ratePerSecond` new traces per second,
 * each trace's parts at their delays; the parts due in the same 50 ms tick go out together in
 * requests of up to `maxSpansPerRequest`. Request bodies are serialised before the clock starts,
 * so the generator spends its time sending. Resolves with the HTTP statuses seen (status →
 * count), connection failures and the seconds it took. `onTick(elapsedMs)` runs every tick
 * (e.g. to kill a process mid-run).
 */
export async function sendTraces(
  url,
  traces,
  { ratePerSecond = 100, maxSpansPerRequest = 400, service = 'scale', onTick } = {},
) {
  const TICK = 50;
  const ticks = new Map();
  traces.forEach((t, i) => {
    const start = (i / ratePerSecond) * 1000;
    for (const s of t.sends) {
      const k = Math.floor((start + s.at) / TICK);
      if (!ticks.has(k)) ticks.set(k, []);
      ticks.get(k).push(...s.spans);
    }
  });
  const requests = [];
  for (const k of [...ticks.keys()].sort((a, b) => a - b)) {
    const spans = ticks.get(k);
    for (let i = 0; i < spans.length; i += maxSpansPerRequest) {
      const body = JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [str('service.name', service)] },
            scopeSpans: [{ scope: { name: 'frametel' }, spans: spans.slice(i, i + maxSpansPerRequest) }],
          },
        ],
      });
      requests.push({ at: k * TICK, body });
    }
  }
  const statuses = {};
  let connectErrors = 0;
  const inflight = new Set();
  const post = (body) => {
    const p = fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .then(async (res) => {
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      })
      .catch(() => {
        connectErrors++;
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };
  const t0 = performance.now();
  let next = 0;
  while (next < requests.length) {
    const now = performance.now() - t0;
    while (next < requests.length && requests[next].at <= now) post(requests[next++].body);
    await onTick?.(now);
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(TICK, (requests[next]?.at ?? now) - now))));
  }
  await Promise.all(inflight);
  return { statuses, connectErrors, seconds: (performance.now() - t0) / 1000 };
}

/** What Jaeger holds for `traces`: per trace the spans found, and the verdicts a test asserts on. */
export async function auditInJaeger(queryUrl, traces, service = 'scale') {
  const res = await fetch(`${queryUrl}/api/traces?service=${service}&limit=${traces.length * 2 + 100}&lookback=2h`);
  const body = await res.json();
  const found = new Map();
  for (const t of body.data ?? []) found.set(t.traceID, new Set(t.spans.map((s) => s.spanID)).size);
  const report = { violation: {}, error: {}, plain: {} };
  for (const kind of Object.keys(report)) report[kind] = { sent: 0, complete: 0, partial: 0, missing: 0 };
  const partial = [];
  for (const t of traces) {
    const r = report[t.kind];
    r.sent++;
    const n = found.get(t.traceId.replace(/^0+/, '')) ?? found.get(t.traceId);
    if (n === undefined) r.missing++;
    else if (n === t.spanCount) r.complete++;
    else {
      r.partial++;
      partial.push({ traceId: t.traceId, kind: t.kind, found: n, sent: t.spanCount });
    }
  }
  return { report, partial };
}

/** Bounds within which k kept of n at probability p is unremarkable (z standard deviations). */
export function binomialBounds(n, p, z = 4) {
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  return [Math.max(0, Math.floor(mean - z * sd)), Math.ceil(mean + z * sd)];
}
