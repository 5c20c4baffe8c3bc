import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The benchmark is bundled like the hosts (the runtime's migrations are bundled at build time)
// and run with plain Node: npm run bench -- <scenario>.
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'bench.ts'),
    outDir: resolve(import.meta.dirname, '../../out/bench'),
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: { output: { format: 'cjs', entryFileNames: 'bench.js' } },
  },
});
