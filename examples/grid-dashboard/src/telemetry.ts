import * as signals from '@preact/signals-core';
import { register } from 'frametel';
import { mountOverlay } from 'frametel/devtools';
import { ErrorInstrumentation } from 'frametel/errors';
import { NetworkInstrumentation } from 'frametel/network';
import { ReactRenderInstrumentation } from 'frametel/react';
import { PreactSignalsInstrumentation } from 'frametel/signals';
import { TableInstrumentation } from 'frametel/table';

// The app's whole frametel bootstrap: one register() call, before any signal or table exists.
export const signalsInstrumentation = new PreactSignalsInstrumentation({ signals });
export const network = new NetworkInstrumentation();
export const ft = register({
  serviceName: 'grid-dashboard',
  serviceVersion: '0.1.0',
  endpoint: import.meta.env.VITE_FRAMETEL_ENDPOINT ?? 'http://localhost:4318',
  budgets: 'normal',
  metricExportIntervalMs: 5000,
  instrumentations: [new ReactRenderInstrumentation(), signalsInstrumentation, new TableInstrumentation(), network, new ErrorInstrumentation()],
});
mountOverlay(ft, { signals: signalsInstrumentation, network });
(window as unknown as { frametel: typeof ft }).frametel = ft; // for the e2e and the curious
