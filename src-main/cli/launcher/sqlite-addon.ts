// Keeps a better-sqlite3 addon built for Electron next to the Node one: Electron has its own ABI,
// and node_modules/better-sqlite3/build must stay the Node build that `npm test` loads. The
// Electron build is made in a scratch copy of the package and cached under node_modules/.cache.
// Runs under plain Node: used by the `npm start` launcher and the desktop end-to-end tests.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

export interface AddonTarget {
  sqliteVersion: string;
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}

export interface BuildStep {
  label: string;
  command: string;
  args: string[];
  /** Windows runs npx.cmd only through a shell. */
  shell: boolean;
}

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const ADDON_FILE = 'better_sqlite3.node';

export function sqlitePackageDir(root: string): string {
  return dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json'));
}

export function installedSqliteVersion(root: string): string {
  return (JSON.parse(readFileSync(join(sqlitePackageDir(root), 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** One cache entry per better-sqlite3 version, Electron version and platform, so an upgrade of either rebuilds. */
export function addonCachePath(root: string, target: AddonTarget): string {
  const key = `better-sqlite3-${target.sqliteVersion}-electron-${target.electronVersion}-${target.platform}-${target.arch}`;
  return join(root, 'node_modules', '.cache', 'ridgeline-native', key, ADDON_FILE);
}

/**
 * The environment for the build tools. node-gyp lets npm_config_* variables override its command
 * line, so a nodedir or target inherited from the user's npm config would silently build for Node
 * instead of Electron; those are removed and the Electron target is set explicitly.
 */
export function addonBuildEnv(env: NodeJS.ProcessEnv, target: AddonTarget): NodeJS.ProcessEnv {
  const overridden =
    /^npm_(config|package_config_node_gyp)_(nodedir|target|target_arch|arch|runtime|disturl|dist_url)$/i;
  const clean = Object.fromEntries(Object.entries(env).filter(([key]) => !overridden.test(key)));
  return {
    ...clean,
    npm_config_runtime: 'electron',
    npm_config_target: target.electronVersion,
    npm_config_arch: target.arch,
    npm_config_dist_url: ELECTRON_HEADERS_URL,
  };
}

/** node-gyp as npm would run it, else the project's copy, else npm's bundled copy, else npx. */
export function findNodeGyp(
  root: string,
  env: NodeJS.ProcessEnv,
  execPath: string = process.execPath,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): Pick<BuildStep, 'command' | 'args' | 'shell'> {
  const viaNode = (script: string) => ({ command: execPath, args: [script], shell: false });
  if (env.npm_config_node_gyp && exists(env.npm_config_node_gyp)) return viaNode(env.npm_config_node_gyp);
  try {
    return viaNode(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // Not a dependency of this checkout; look for npm's own copy.
  }
  const npmDirs = [
    env.npm_execpath ? join(dirname(env.npm_execpath), '..') : undefined,
    platform === 'win32'
      ? join(dirname(execPath), 'node_modules', 'npm')
      : join(dirname(execPath), '..', 'lib', 'node_modules', 'npm'),
  ];
  for (const npmDir of npmDirs) {
    const script = npmDir && join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (script && exists(script)) return viaNode(script);
  }
  return {
    command: platform === 'win32' ? 'npx.cmd' : 'npx',
    args: ['--yes', 'node-gyp'],
    shell: platform === 'win32',
  };
}

/** Download a prebuilt addon first (seconds); compile from source only when there is none. */
export function addonBuildSteps(
  target: AddonTarget,
  prebuildInstall: string,
  nodeGyp: Pick<BuildStep, 'command' | 'args' | 'shell'>,
): BuildStep[] {
  return [
    {
      label: 'download a prebuilt addon (prebuild-install)',
      command: process.execPath,
      args: [
        prebuildInstall,
        '--runtime',
        'electron',
        '--target',
        target.electronVersion,
        '--arch',
        target.arch,
        '--platform',
        target.platform,
      ],
      shell: false,
    },
    {
      label: 'compile it from source (node-gyp)',
      command: nodeGyp.command,
      args: [
        ...nodeGyp.args,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${target.electronVersion}`,
        `--arch=${target.arch}`,
        `--dist-url=${ELECTRON_HEADERS_URL}`,
      ],
      shell: nodeGyp.shell,
    },
  ];
}

export function addonBuildFailedMessage(target: AddonTarget, failures: string[]): string {
  return [
    `Ridgeline's desktop app cannot start: better-sqlite3 ${target.sqliteVersion} has no build for Electron ${target.electronVersion}`,
    `on ${target.platform}-${target.arch}, and making one failed:`,
    ...failures.map((failure) => `  - ${failure}`),
    '',
    'Compiling needs Python 3 and a C++ toolchain (Linux: build-essential; macOS: Xcode Command Line Tools;',
    'Windows: Visual Studio Build Tools with "Desktop development with C++") and access to',
    `${ELECTRON_HEADERS_URL} for Electron's headers. Fix the cause shown above and run npm start again;`,
    'the result is cached in node_modules/.cache/ridgeline-native.',
    '',
    'Meanwhile, `npm run serve` runs Ridgeline headless and serves the board to your browser.',
    '',
  ].join('\n');
}

export class AddonBuildError extends Error {
  override readonly name = 'AddonBuildError';
}

export interface EnsureAddonOptions {
  root: string;
  electronVersion: string;
  platform?: NodeJS.Platform;
  arch?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Where the build tools' own output goes: the terminal for a person, nowhere in tests. */
  stdio?: 'inherit' | 'ignore';
}

/** Returns the cached Electron build of the addon, building it first if needed; throws AddonBuildError. */
export function ensureSqliteAddon(options: EnsureAddonOptions): string {
  const env = options.env ?? process.env;
  const target: AddonTarget = {
    sqliteVersion: installedSqliteVersion(options.root),
    electronVersion: options.electronVersion,
    platform: options.platform ?? process.platform,
    arch: options.arch ?? process.arch,
  };
  const cached = addonCachePath(options.root, target);
  if (existsSync(cached)) return cached;

  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const packageDir = sqlitePackageDir(options.root);
  const prebuildInstall = createRequire(join(packageDir, 'package.json')).resolve('prebuild-install/bin.js');
  const steps = addonBuildSteps(target, prebuildInstall, findNodeGyp(options.root, env));
  const buildEnv = addonBuildEnv(env, target);
  const workDir = mkdtempSync(join(tmpdir(), 'ridgeline-sqlite-'));
  try {
    // The Node build in build/ must not be mistaken for the result, so the copy leaves it out.
    cpSync(packageDir, workDir, {
      recursive: true,
      filter: (source) => {
        const inside = relative(packageDir, source);
        return inside !== 'build' && !inside.startsWith(`build${sep}`);
      },
    });
    const built = join(workDir, 'build', 'Release', ADDON_FILE);
    const failures: string[] = [];
    for (const step of steps) {
      log(`Building better-sqlite3 for Electron ${target.electronVersion}: ${step.label}...`);
      const result = spawnSync(step.command, step.args, {
        cwd: workDir,
        env: buildEnv,
        stdio: options.stdio ?? 'inherit',
        shell: step.shell,
      });
      if (result.status === 0 && existsSync(built)) {
        mkdirSync(dirname(cached), { recursive: true });
        // Copy then rename, so an interrupted copy never leaves a half-written addon in the cache.
        copyFileSync(built, `${cached}.partial`);
        renameSync(`${cached}.partial`, cached);
        return cached;
      }
      failures.push(
        `${step.label}: ${result.error ? result.error.message : `exited with code ${result.status ?? result.signal}`}`,
      );
    }
    throw new AddonBuildError(addonBuildFailedMessage(target, failures));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
