import * as signals from '@preact/signals-core';
import { register } from 'frametel';
import { SpanRingBuffer } from 'frametel/devtools';
import { ErrorInstrumentation } from 'frametel/errors';
import { MemoryInstrumentation } from 'frametel/memory';
import { NetworkInstrumentation } from 'frametel/network';
import { ReactRenderInstrumentation } from 'frametel/react';
import { PreactSignalsInstrumentation } from 'frametel/signals';
import { TableInstrumentation } from 'frametel/table';
import { InteractionInstrumentation, WebVitalsInstrumentation } from 'frametel/vitals';
import { MeasureInstrumentation } from 'frametel/vitals/measures';
import { NavigationInstrumentation } from 'frametel/vitals/navigation';

// The app's whole frametel bootstrap: one register() call, before any signal or table exists.
// recordValues: the demo shows the DevTools' state diff (a development option: signal values are app data).
export const signalsInstrumentation = new PreactSignalsInstrumentation({ signals, recordValues: true });
export const network = new NetworkInstrumentation();
export const reactInstrumentation = new ReactRenderInstrumentation(); // RenderBoundary mode (auto: true double-counts boundaries today)
// The DevTools' in-page span buffer (last 2 000 spans, no network): trace waterfall, recording and replay.
export const spans = new SpanRingBuffer();
export const ft = register({
  serviceName: 'grid-dashboard',
  serviceVersion: '0.1.0',
  endpoint: import.meta.env.VITE_FRAMETEL_ENDPOINT ?? 'http://localhost:4318',
  budgets: 'normal',
  metricExportIntervalMs: 5000,
  spanProcessors: [spans],
  instrumentations: [
    reactInstrumentation,
    signalsInstrumentation,
    new TableInstrumentation(),
    network,
    new ErrorInstrumentation({ captureConsole: true }),
    new MemoryInstrumentation(),
    // Each click / key press / input is the root of its trace: the signal write, table change and
    // renders it causes are its children; long animation frames hang under the interaction.
    new InteractionInstrumentation(),
    // LCP, INP, CLS, FCP, TTFB as `browser.web_vital` records (INP in the trace of its interaction
    // span, reported when the page is hidden), the page load, and the app's orders.generate measure.
    // The overlay's Vitals and Slowest interactions sections find these two by shape.
    new WebVitalsInstrumentation(),
    new NavigationInstrumentation(),
    new MeasureInstrumentation({ measures: ['orders.generate'] }),
  ],
});
(window as unknown as { frametel: typeof ft }).frametel = ft; // for the e2e and the curious
