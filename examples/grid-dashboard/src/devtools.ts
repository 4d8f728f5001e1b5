import { batch } from '@preact/signals-core';
import { mountOverlay } from 'frametel/devtools';
import { sessionSection } from 'frametel/devtools/replay';
import { filterText, pageIndex, sortState } from './state';
import { ordersTable } from './table';
import { ft, network, reactInstrumentation, signalsInstrumentation } from './telemetry';

// The overlay (Alt+Shift+F), mounted once the app's signals and table exist: its Session section
// records the grid's state signals and replays them (the slow-comparator switch is not recorded,
// so a replay measures the app as it is now).
const traceBase = import.meta.env.VITE_FRAMETEL_TRACE_URL; // set by npm run demo:stack: trace ids link to Jaeger
mountOverlay(ft, {
  components: reactInstrumentation,
  signals: signalsInstrumentation,
  network,
  tables: { orders: ordersTable as never },
  sections: [sessionSection({ signals: [filterText, sortState, pageIndex], batch })],
  ...(traceBase ? { traceUrl: (id: string) => `${traceBase}${id}` } : {}),
});
