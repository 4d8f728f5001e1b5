import './telemetry'; // first: frametel must be registered before signals and tables exist
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ft } from './telemetry';
import { summary } from './state';

createRoot(document.getElementById('root')!).render(<App />);

void ft.track('fetch', async () => {
  const res = await fetch('api/summary.json');
  summary.value = await res.json();
}, { 'url.path': '/api/summary.json' });
