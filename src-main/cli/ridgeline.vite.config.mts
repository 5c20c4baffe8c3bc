import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `ridgeline` command, built on its own like the launcher: plain Node, sharing no chunk with the
// hosts, so a status call does not load the runtime, SQLite or Electron.
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'ridgeline.ts'),
    outDir: resolve(import.meta.dirname, '../../out/cli'),
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: { output: { format: 'cjs', entryFileNames: 'ridgeline.js', banner: '#!/usr/bin/env node' } },
  },
});
