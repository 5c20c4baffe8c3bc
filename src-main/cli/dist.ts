// `npm run dist` (built to out/launcher/dist.js): builds the installers with electron-builder, then
// restores the Node build of the native modules it rebuilt for Electron, whether or not it succeeded.
import { resolve } from 'node:path';
import { buildThenRestore, distSteps, runInTerminal } from './launcher/dist-steps';

const root = resolve(__dirname, '..', '..');
// Ctrl-C reaches electron-builder too; this process stays to run the restore step.
process.on('SIGINT', () => undefined);
process.exitCode = buildThenRestore(distSteps(root, process.argv.slice(2)), runInTerminal(root));
