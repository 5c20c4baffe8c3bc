import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for both hosts: out/main/index.js is the Electron main process, out/main/headless.js
// the plain-Node host, out/main/launch.js the `npm start` launcher; the renderer is shared.
export default defineConfig({
  main: {
    build: {
      target: 'node20',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          headless: resolve(__dirname, 'src-main/headless.ts'),
          launch: resolve(__dirname, 'src-main/cli/launch-desktop.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
