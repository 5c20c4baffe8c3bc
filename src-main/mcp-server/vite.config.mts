import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The MCP stdio server, built on its own to out/mcp/ridgeline-mcp.js: a small Node program that
// talks to a running host over HTTP, so it loads neither electron nor the runtime's native modules.
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'main.ts'),
    outDir: resolve(import.meta.dirname, '../../out/mcp'),
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: { output: { format: 'cjs', entryFileNames: 'ridgeline-mcp.js' } },
  },
});
