// `npm start` (built to out/launcher/launch.js, run by plain Node): finds the Electron binary, makes sure
// a better-sqlite3 addon built for that Electron exists, then runs the desktop app and mirrors its exit.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { electronPackageDir, findElectronBinary, missingElectronMessage } from './launcher/electron-binary';
import { AddonBuildError, ensureSqliteAddon } from './launcher/sqlite-addon';

// out/main/launch.js -> the package root, which holds package.json and node_modules.
const root = resolve(__dirname, '..', '..');

function main(): void {
  const binary = findElectronBinary(electronPackageDir(root));
  if (!binary.available) {
    process.stderr.write(missingElectronMessage(binary));
    process.exit(1);
  }

  let sqliteBinding: string;
  try {
    sqliteBinding = ensureSqliteAddon({ root, electronVersion: binary.version });
  } catch (error) {
    if (!(error instanceof AddonBuildError)) throw error;
    process.stderr.write(error.message);
    process.exit(1);
  }

  const env: NodeJS.ProcessEnv = { ...process.env, RIDGELINE_SQLITE_BINDING: sqliteBinding };
  // Left over from an editor or tool, it would make Electron run our main script as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;

  const child = spawn(binary.executable, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
  child.on('error', (error) => {
    process.stderr.write(`Could not run Electron at ${binary.executable}: ${error.message}\n`);
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
