import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `npm start`, `npm run dev` and `npm run dist` launchers, built on their own: they run under
// plain Node before Electron exists, so they must share no chunk with the hosts (their bundle loads
// electron and native modules).
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, '../../out/launcher'),
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        launch: resolve(import.meta.dirname, 'launch-desktop.ts'),
        dev: resolve(import.meta.dirname, 'launch-dev.ts'),
        dist: resolve(import.meta.dirname, 'dist.ts'),
      },
      output: { format: 'cjs', entryFileNames: '[name].js' },
    },
  },
});
