import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for both hosts: out/main/index.js is the Electron main process, out/main/headless.js
// the plain-Node host; the renderer is shared. The `npm start` launcher has its own build
// (src-main/cli/vite.config.mts).
export default defineConfig({
  main: {
    build: {
      target: 'node20',
      // ESM-only packages are bundled into the CommonJS main process instead of required.
      externalizeDeps: { exclude: ['electron-store', 'conf'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          headless: resolve(__dirname, 'src-main/headless.ts'),
        },
        // Packages loaded on first use (the AI SDK's providers, the MCP server) are required like the
        // rest: a native import() would load their ESM builds beside the CommonJS ones already loaded,
        // two copies of zod and the SDKs whose classes and schemas would not recognise each other.
        // The main process keeps its bundle's source text in memory (V8 compiles functions lazily
        // from it). Pure ASCII it is held at a byte a character; one '·' in a doc comment made V8
        // hold all 1.1 MB of it at two. Doc comments are left out (legal ones stay) and any other
        // non-ASCII character is written as an escape.
        output: {
          dynamicImportInCjs: false,
          charset: 'ascii',
          comments: { jsdoc: false },
          // No chunk over 200 KB. Node reads a module's file into one malloc'd buffer, and glibc, once
          // it has freed a buffer that large, serves every allocation below its size from the heaps
          // and keeps twice that size free in each thread's heap: the one 993 KB chunk of the
          // runtime left the V8 worker threads' heaps holding about 4 MB they no longer used (the
          // scale benchmark's idle host: 95 MB with it, 91-92 MB split). Only Ridgeline's own
          // modules in src-main's folders that load at start are grouped, by folder, each chunk
          // with the modules the same entries load. The entries and the files beside them stay
          // put (they find out/renderer and the rest from their own folder), what loads on first
          // use (the AI SDK, the MCP server) stays apart, and the packages keep their own chunks.
          // Split chunks require one another, so each module runs when it is first required, in
          // import order, not when its chunk loads (a module reading another chunk's export as it
          // loaded had found it undefined).
          strictExecutionOrder: true,
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [
              {
                name: (id: string) =>
                  /src-main[\\/]((?:core[\\/])?[^\\/.]+)[\\/]/.exec(id)?.[1]?.replace(/[\\/]/, '-') ?? null,
                tags: ['$initial'],
                entriesAware: true,
                maxSize: 200 * 1024,
              },
            ],
          },
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
