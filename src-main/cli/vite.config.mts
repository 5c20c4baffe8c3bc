import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `npm start` launcher, built on its own: it runs under plain Node before Electron exists, so
// it must share no chunk with the hosts (their bundle loads electron and native modules).
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'launch-desktop.ts'),
    outDir: resolve(import.meta.dirname, '../../out/launcher'),
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: { output: { format: 'cjs', entryFileNames: 'launch.js' } },
  },
});
