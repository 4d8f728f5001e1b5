import * as signals from '@preact/signals-core';
import { register } from 'frametel';
import { mountOverlay } from 'frametel/devtools';
import { ErrorInstrumentation } from 'frametel/errors';
import { MemoryInstrumentation } from 'frametel/memory';
import { NetworkInstrumentation } from 'frametel/network';
import { ReactRenderInstrumentation } from 'frametel/react';
import { PreactSignalsInstrumentation } from 'frametel/signals';
import { TableInstrumentation } from 'frametel/table';

// The app's whole frametel bootstrap: one register() call, before any signal or table exists.
export const signalsInstrumentation = new PreactSignalsInstrumentation({ signals });
export const network = new NetworkInstrumentation();
export const reactInstrumentation = new ReactRenderInstrumentation(); // RenderBoundary mode (auto: true double-counts boundaries today)
export const ft = register({
  serviceName: 'grid-dashboard',
  serviceVersion: '0.1.0',
  endpoint: import.meta.env.VITE_FRAMETEL_ENDPOINT ?? 'http://localhost:4318',
  budgets: 'normal',
  metricExportIntervalMs: 5000,
  instrumentations: [
    reactInstrumentation,
    signalsInstrumentation,
    new TableInstrumentation(),
    network,
    new ErrorInstrumentation(),
    new MemoryInstrumentation(),
  ],
});
const traceBase = import.meta.env.VITE_FRAMETEL_TRACE_URL; // set by npm run demo:stack: trace ids link to Jaeger
mountOverlay(ft, {
  components: reactInstrumentation,
  signals: signalsInstrumentation,
  network,
  ...(traceBase ? { traceUrl: (id: string) => `${traceBase}${id}` } : {}),
});
(window as unknown as { frametel: typeof ft }).frametel = ft; // for the e2e and the curious
