// `npm run dev` (built to out/launcher/dev.js, run by plain Node): prepares Electron as `npm start`
// does, then runs electron-vite's dev server, which rebuilds main and preload and restarts Electron
// on change, and hot-reloads the board. electron-vite starts the binary named by ELECTRON_EXEC_PATH.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { prepareElectron } from './launcher/prepare-electron';

const root = resolve(__dirname, '..', '..');

function electronViteCli(): string {
  const manifest = createRequire(join(root, 'package.json')).resolve('electron-vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin['electron-vite']!);
}

function main(): void {
  const { executable, env } = prepareElectron(root, 'npm run dev');
  const child = spawn(process.execPath, [electronViteCli(), 'dev', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, ELECTRON_EXEC_PATH: executable },
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
}

main();
