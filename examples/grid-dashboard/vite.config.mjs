// The demo resolves frametel to this repository's dist/ (npm run build first), exactly the
// files the package publishes. Production builds alias react-dom/client to the profiling build,
// as the README advises, so <RenderBoundary> keeps reporting renders.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dist = (p) => `${repo}dist/${p}`;

export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      { find: /^frametel$/, replacement: dist('index.js') },
      { find: /^frametel\/react$/, replacement: dist('instrumentations/react/index.js') },
      { find: /^frametel\/signals$/, replacement: dist('instrumentations/signals/index.js') },
      { find: /^frametel\/table$/, replacement: dist('instrumentations/table/index.js') },
      { find: /^frametel\/devtools$/, replacement: dist('devtools/index.js') },
      { find: /^frametel\/devtools\/replay$/, replacement: dist('devtools/replay/index.js') },
      { find: /^frametel\/errors$/, replacement: dist('instrumentations/errors/index.js') },
      { find: /^frametel\/errors\/react$/, replacement: dist('instrumentations/errors/react-index.js') },
      { find: /^frametel\/network$/, replacement: dist('instrumentations/network/index.js') },
      { find: /^frametel\/memory$/, replacement: dist('instrumentations/memory/index.js') },
      { find: /^frametel\/vitals$/, replacement: dist('instrumentations/vitals/index.js') },
      { find: /^frametel\/vitals\/navigation$/, replacement: dist('instrumentations/vitals/navigation/index.js') },
      { find: /^frametel\/vitals\/measures$/, replacement: dist('instrumentations/vitals/measures/index.js') },
      ...(mode === 'production' ? [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] : []),
    ],
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: { fs: { allow: [repo] }, host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 5173), strictPort: true },
  preview: { host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 5173), strictPort: true },
  build: { outDir: fileURLToPath(new URL('./dist', import.meta.url)), emptyOutDir: true, sourcemap: true },
}));
