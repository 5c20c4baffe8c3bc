// What `npm start` and `npm run dev` do before Electron runs: find its binary (downloading it on
// first use), make sure a better-sqlite3 addon built for that Electron exists, and build the
// environment the desktop host reads. On failure it prints what to do and exits with code 1.
import { electronPackageDir, fetchElectronBinary, findElectronBinary, missingElectronMessage } from './electron-binary';
import { AddonBuildError, ensureSqliteAddon } from './sqlite-addon';

export interface PreparedElectron {
  executable: string;
  env: NodeJS.ProcessEnv;
}

/** `command` is what the user ran, named in the message when the binary cannot be had. */
export function prepareElectron(root: string, command: string): PreparedElectron {
  const packageDir = electronPackageDir(root);
  let binary = findElectronBinary(packageDir);
  if (!binary.available && fetchElectronBinary(packageDir)) binary = findElectronBinary(packageDir);
  if (!binary.available) {
    process.stderr.write(missingElectronMessage(binary, command));
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
  return { executable: binary.executable, env };
}
