import * as preactSignals from '@preact/signals-core';
import { Signal } from 'signal-polyfill';
import { afterEach, describe, expect, it } from 'vitest';
import { FrametelConfigError } from '../../../src/index.js';
import { ErrorInstrumentation } from '../../../src/instrumentations/errors/index.js';
import { MemoryInstrumentation } from '../../../src/instrumentations/memory/index.js';
import { NetworkInstrumentation, XhrNetworkInstrumentation } from '../../../src/instrumentations/network/index.js';
import { ReactRenderInstrumentation } from '../../../src/instrumentations/react/index.js';
import {
  PreactSignalsInstrumentation,
  SignalPolyfillInstrumentation,
} from '../../../src/instrumentations/signals/index.js';
import { TableInstrumentation } from '../../../src/instrumentations/table/index.js';

type Make = (options: never) => { disable(): void };

const make = {
  ErrorInstrumentation: (o: never) => new ErrorInstrumentation(o),
  MemoryInstrumentation: (o: never) => new MemoryInstrumentation(o),
  NetworkInstrumentation: (o: never) => new NetworkInstrumentation(o),
  XhrNetworkInstrumentation: (o: never) => new XhrNetworkInstrumentation(o),
  ReactRenderInstrumentation: (o: never) => new ReactRenderInstrumentation(o),
  TableInstrumentation: (o: never) => new TableInstrumentation(o),
  PreactSignalsInstrumentation: (o: never) => new PreactSignalsInstrumentation(o),
  SignalPolyfillInstrumentation: (o: never) => new SignalPolyfillInstrumentation(o),
} satisfies Record<string, Make>;

const preact = { signals: preactSignals };
const polyfill = { Signal };

// [instrumentation, options, literal path, expected]: the convention is `<Instrumentation>.<option>`.
const rejected: Array<[keyof typeof make, unknown, string, string]> = [
  // issue 16 item 12's cases
  [
    'ErrorInstrumentation',
    { beforeSend: 'x' },
    'ErrorInstrumentation.beforeSend',
    'a function (event) => event | null',
  ],
  ['ErrorInstrumentation', { captureConsole: 'no' }, 'ErrorInstrumentation.captureConsole', 'true or false'],
  [
    'MemoryInstrumentation',
    { sustainedSnapshots: 0 },
    'MemoryInstrumentation.sustainedSnapshots',
    'an integer from 1 to 1000',
  ],
  [
    'NetworkInstrumentation',
    { propagateTo: 'https://api' },
    'NetworkInstrumentation.propagateTo',
    `an array of origins ('https://api.example.com') or RegExps`,
  ],
  [
    'MemoryInstrumentation',
    { snapshotIntervalMs: '5s' },
    'MemoryInstrumentation.snapshotIntervalMs',
    'a number of milliseconds ≥ 0 (0 turns the timer off)',
  ],
  // errors
  ['ErrorInstrumentation', { maxFrames: -1 }, 'ErrorInstrumentation.maxFrames', 'an integer from 0 to 1000'],
  [
    'ErrorInstrumentation',
    { dedupeWindowMs: Number.NaN },
    'ErrorInstrumentation.dedupeWindowMs',
    'a number of milliseconds ≥ 0',
  ],
  ['ErrorInstrumentation', { tags: { team: 7 } }, 'ErrorInstrumentation.tags["team"]', 'a string'],
  ['ErrorInstrumentation', { tags: 'ui' }, 'ErrorInstrumentation.tags', 'an object of tag names to string values'],
  [
    'ErrorInstrumentation',
    { sentry: {} },
    'ErrorInstrumentation.sentry',
    'sentryBridge(Sentry, { dsn }) from frametel/errors/sentry',
  ],
  [
    'ErrorInstrumentation',
    { beforeSnd: () => null },
    'ErrorInstrumentation.beforeSnd',
    'one of enabled, beforeSend, dedupeWindowMs, maxFrames, tags, captureConsole, sentry',
  ],
  ['ErrorInstrumentation', 'all', 'ErrorInstrumentation', 'an options object for ErrorInstrumentation'],
  // memory
  [
    'MemoryInstrumentation',
    { snapshotIntervalMs: -5 },
    'MemoryInstrumentation.snapshotIntervalMs',
    'a number of milliseconds ≥ 0 (0 turns the timer off)',
  ],
  [
    'MemoryInstrumentation',
    { sustainedSnapshots: 2.5 },
    'MemoryInstrumentation.sustainedSnapshots',
    'an integer from 1 to 1000',
  ],
  [
    'MemoryInstrumentation',
    { growthThresholdBytesPerMin: '1MiB' },
    'MemoryInstrumentation.growthThresholdBytesPerMin',
    'a number of bytes per minute ≥ 0',
  ],
  ['MemoryInstrumentation', { countListeners: 1 }, 'MemoryInstrumentation.countListeners', 'true or false'],
  ['MemoryInstrumentation', { enabled: 'yes' }, 'MemoryInstrumentation.enabled', 'true or false'],
  // network
  [
    'NetworkInstrumentation',
    { propagateTo: ['/api'] },
    'NetworkInstrumentation.propagateTo[0]',
    `an array of origins ('https://api.example.com') or RegExps`,
  ],
  [
    'NetworkInstrumentation',
    { propagateTo: [42] },
    'NetworkInstrumentation.propagateTo[0]',
    `an array of origins ('https://api.example.com') or RegExps`,
  ],
  [
    'NetworkInstrumentation',
    { slowThresholdMs: '1s' },
    'NetworkInstrumentation.slowThresholdMs',
    'a number of milliseconds ≥ 0',
  ],
  ['NetworkInstrumentation', { recordQueryValues: 'yes' }, 'NetworkInstrumentation.recordQueryValues', 'true or false'],
  [
    'NetworkInstrumentation',
    { ignoreUrls: '/health' },
    'NetworkInstrumentation.ignoreUrls',
    'an array of URL strings or RegExps',
  ],
  [
    'XhrNetworkInstrumentation',
    { propagateTo: 'https://api' },
    'XhrNetworkInstrumentation.propagateTo',
    `an array of origins ('https://api.example.com') or RegExps`,
  ],
  // react
  [
    'ReactRenderInstrumentation',
    { maxComponents: 0 },
    'ReactRenderInstrumentation.maxComponents',
    'an integer from 1 to 1000000',
  ],
  ['ReactRenderInstrumentation', { auto: 'true' }, 'ReactRenderInstrumentation.auto', 'true or false'],
  [
    'ReactRenderInstrumentation',
    { slowThresholdMs: -1 },
    'ReactRenderInstrumentation.slowThresholdMs',
    'a number of milliseconds ≥ 0',
  ],
  [
    'ReactRenderInstrumentation',
    { minSpanDurationMs: '0' },
    'ReactRenderInstrumentation.minSpanDurationMs',
    'a number of milliseconds ≥ 0',
  ],
  [
    'ReactRenderInstrumentation',
    { maxFibersPerCommit: 0 },
    'ReactRenderInstrumentation.maxFibersPerCommit',
    'an integer from 1 to 10000000',
  ],
  // table
  [
    'TableInstrumentation',
    { stateChangeTimeoutMs: '1s' },
    'TableInstrumentation.stateChangeTimeoutMs',
    'a number of milliseconds ≥ 0',
  ],
  ['TableInstrumentation', { leakGraceMs: -1 }, 'TableInstrumentation.leakGraceMs', 'a number of milliseconds ≥ 0'],
  [
    'TableInstrumentation',
    { leakGrace: 1 },
    'TableInstrumentation.leakGrace',
    'one of enabled, stateChangeTimeoutMs, leakGraceMs',
  ],
  // signals (a TypeError before)
  [
    'PreactSignalsInstrumentation',
    {},
    'PreactSignalsInstrumentation.signals',
    'the @preact/signals-core module (import * as signals from "@preact/signals-core")',
  ],
  [
    'PreactSignalsInstrumentation',
    undefined,
    'PreactSignalsInstrumentation.signals',
    'the @preact/signals-core module (import * as signals from "@preact/signals-core")',
  ],
  [
    'PreactSignalsInstrumentation',
    { signals: { Signal: class {} } },
    'PreactSignalsInstrumentation.signals',
    'the @preact/signals-core module (import * as signals from "@preact/signals-core")',
  ],
  [
    'PreactSignalsInstrumentation',
    { ...preact, maxUpdatesPerFrame: 0 },
    'PreactSignalsInstrumentation.maxUpdatesPerFrame',
    'an integer ≥ 1',
  ],
  [
    'PreactSignalsInstrumentation',
    { ...preact, frameMs: 0 },
    'PreactSignalsInstrumentation.frameMs',
    'a number of milliseconds > 0',
  ],
  [
    'PreactSignalsInstrumentation',
    { ...preact, recordValues: 'yes' },
    'PreactSignalsInstrumentation.recordValues',
    'true or false',
  ],
  [
    'SignalPolyfillInstrumentation',
    {},
    'SignalPolyfillInstrumentation.Signal',
    `the polyfill's Signal (import { Signal } from "signal-polyfill")`,
  ],
  [
    'SignalPolyfillInstrumentation',
    { Signal: {} },
    'SignalPolyfillInstrumentation.Signal',
    `the polyfill's Signal (import { Signal } from "signal-polyfill")`,
  ],
  [
    'SignalPolyfillInstrumentation',
    { ...polyfill, frameMs: '16ms' },
    'SignalPolyfillInstrumentation.frameMs',
    'a number of milliseconds > 0',
  ],
];

const built: Array<{ disable(): void }> = [];
afterEach(() => {
  for (const i of built.splice(0)) i.disable();
});

describe('every instrumentation validates its options like register(): one FrametelConfigError naming the option', () => {
  it.each(rejected)('%s(%j) → %s', (name, options, path, expected) => {
    let thrown: unknown;
    try {
      built.push(make[name](options as never));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FrametelConfigError);
    const error = thrown as FrametelConfigError;
    expect(error.path).toBe(path);
    expect(error.expected).toBe(expected);
    expect(error.message.startsWith(`${path}: `)).toBe(true);
  });

  it('names the option and its value in the message (the issue example)', () => {
    expect(() => new MemoryInstrumentation({ snapshotIntervalMs: '5s' as never })).toThrow(
      'MemoryInstrumentation.snapshotIntervalMs: expected a number of milliseconds ≥ 0 (0 turns the timer off), got "5s"',
    );
  });

  it.each([
    ['ErrorInstrumentation', { beforeSend: 'x' }, 'ErrorInstrumentation.beforeSend'],
    ['MemoryInstrumentation', { snapshotIntervalMs: '5s' }, 'MemoryInstrumentation.snapshotIntervalMs'],
    ['ReactRenderInstrumentation', { maxComponents: -1 }, 'ReactRenderInstrumentation.maxComponents'],
    ['TableInstrumentation', { leakGraceMs: 'soon' }, 'TableInstrumentation.leakGraceMs'],
  ] as Array<[keyof typeof make, unknown, string]>)(
    '%s.setConfig() validates too and keeps the old config',
    (name, bad, path) => {
      const inst = make[name]({ enabled: false } as never) as unknown as {
        disable(): void;
        setConfig(c: unknown): void;
        getConfig(): unknown;
      };
      built.push(inst);
      const before = inst.getConfig();
      let thrown: unknown;
      try {
        inst.setConfig(bad);
      } catch (error) {
        thrown = error;
      }
      expect((thrown as FrametelConfigError).path).toBe(path);
      expect(inst.getConfig()).toBe(before);
    },
  );

  it('a rejected captureConsole leaves the console untouched', () => {
    const { error, warn } = console;
    expect(() => new ErrorInstrumentation({ captureConsole: 'no' as never })).toThrow(FrametelConfigError);
    expect(console.error).toBe(error);
    expect(console.warn).toBe(warn);
  });

  it.each([
    [
      'ErrorInstrumentation',
      { beforeSend: (e: unknown) => e, maxFrames: 0, tags: { team: 'ui' }, dedupeWindowMs: undefined },
    ],
    ['MemoryInstrumentation', { snapshotIntervalMs: 0, sustainedSnapshots: 1, countListeners: false }],
    [
      'NetworkInstrumentation',
      { propagateTo: ['https://api.example.com:8443', /partner/], clearTimingResources: true },
    ],
    // Node has no XMLHttpRequest to patch: built disabled.
    ['XhrNetworkInstrumentation', { propagateTo: [], ignoreUrls: ['/health', /ping/], enabled: false }],
    ['ReactRenderInstrumentation', { auto: false, maxComponents: 1, enabled: false }],
    ['TableInstrumentation', { stateChangeTimeoutMs: 0, leakGraceMs: 0 }],
    ['PreactSignalsInstrumentation', { ...preact, maxUpdatesPerFrame: 1, frameMs: 0.5, recordValues: true }],
    ['SignalPolyfillInstrumentation', { ...polyfill }],
    ['ErrorInstrumentation', undefined],
  ] as Array<[keyof typeof make, unknown]>)('%s accepts valid options %j', (name, options) => {
    const inst = make[name](options as never);
    built.push(inst);
    expect(inst).toBeDefined();
  });
});

describe('sentryBridge() checks its arguments', () => {
  it.each([
    ['nothing', undefined, undefined, 'sentryBridge(Sentry)'],
    ['an object without the SDK functions', { init() {} }, undefined, 'sentryBridge(Sentry)'],
    [
      'options that are not an object',
      { init() {}, getClient() {}, captureException() {} },
      'dsn',
      'sentryBridge(options)',
    ],
  ])('rejects %s', async (_what, sentry, options, path) => {
    const { sentryBridge } = await import('../../../src/instrumentations/errors/sentry-index.js');
    let thrown: unknown;
    try {
      sentryBridge(sentry as never, options as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FrametelConfigError);
    expect((thrown as FrametelConfigError).path).toBe(path);
  });
});
