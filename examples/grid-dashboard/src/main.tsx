import './telemetry'; // first: frametel must be registered before signals and tables exist
import { TracedErrorBoundary } from 'frametel/errors/react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { summary } from './state';
import './devtools'; // the overlay, after the signals and the table exist

createRoot(document.getElementById('root')!).render(
  <TracedErrorBoundary fallback={(error) => <p role="alert">Something broke: {error.message}</p>}>
    <App />
  </TracedErrorBoundary>,
);

// Traced by NetworkInstrumentation (instrumentation-fetch): a `fetch` operation with its route.
void fetch('api/summary.json')
  .then((res) => res.json())
  .then((json) => (summary.value = json));
