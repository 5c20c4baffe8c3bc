// Preloaded into a host (NODE_OPTIONS=--import) by tests that check what it loads: on SIGUSR2 it
// writes the files in the CommonJS module cache, one a line, to LOADED_MODULES_FILE.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { cache } = createRequire(import.meta.url);

process.on('SIGUSR2', () => {
  writeFileSync(process.env.LOADED_MODULES_FILE, Object.keys(cache).join('\n'));
});
