// `npm start` (built to out/launcher/launch.js, run by plain Node): finds (or fetches) the Electron
// binary, makes sure a better-sqlite3 addon built for that Electron exists, then runs the desktop app
// and mirrors its exit.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { prepareElectron } from './launcher/prepare-electron';

// out/main/launch.js -> the package root, which holds package.json and node_modules.
const root = resolve(__dirname, '..', '..');

function main(): void {
  const { executable, env } = prepareElectron(root, 'npm start');
  const child = spawn(executable, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
  child.on('error', (error) => {
    process.stderr.write(`Could not run Electron at ${executable}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (code === null) process.stderr.write(`Electron exited on signal ${signal}\n`);
    process.exit(code ?? 1);
  });
  // Ctrl-C in the terminal reaches both processes; forwarding lets Electron quit cleanly either way.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
}

main();
