// The `npm start` launcher's parts: finding the Electron binary, and building and caching a
// better-sqlite3 addon for Electron. Fake packages in temp directories stand in for an electron
// package with or without its binary, and fake prebuild-install and node-gyp scripts (real child
// processes) stand in for the real tools, which would need Electron's download host.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  electronPackageDir,
  fetchElectronBinary,
  findElectronBinary,
  missingElectronMessage,
} from '../../../src-main/cli/launcher/electron-binary';
import {
  AddonBuildError,
  addonBuildEnv,
  addonBuildSteps,
  addonCachePath,
  ELECTRON_HEADERS_URL,
  ensureSqliteAddon,
  findNodeGyp,
  type AddonTarget,
} from '../../../src-main/cli/launcher/sqlite-addon';
import { makeTempDir } from '../../helpers/temp-dir';

const repoRoot = resolve(__dirname, '../../..');

function write(file: string, content: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** A project root with a fake electron package, optionally "downloaded", and a fake better-sqlite3. */
function fakeProject(options: { downloaded?: 'yes' | 'path.txt only'; prebuildSucceeds?: boolean } = {}): string {
  const root = makeTempDir('ridgeline-launch-');
  write(join(root, 'package.json'), JSON.stringify({ name: 'fake-ridgeline', version: '0.0.0' }));
  const electron = join(root, 'node_modules', 'electron');
  write(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '41.7.1', main: 'index.js' }));
  if (options.downloaded) write(join(electron, 'path.txt'), 'electron');
  if (options.downloaded === 'yes') chmodSync(write(join(electron, 'dist', 'electron'), '#!/bin/sh\n'), 0o755);

  const sqlite = join(root, 'node_modules', 'better-sqlite3');
  write(join(sqlite, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  write(join(sqlite, 'src', 'better_sqlite3.cpp'), '// source\n');
  write(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), 'the Node build');
  write(
    join(root, 'node_modules', 'prebuild-install', 'package.json'),
    JSON.stringify({ name: 'prebuild-install', bin: './bin.js' }),
  );
  write(
    join(root, 'node_modules', 'prebuild-install', 'bin.js'),
    options.prebuildSucceeds
      ? "const fs = require('fs'); fs.mkdirSync('build/Release', { recursive: true }); fs.writeFileSync('build/Release/better_sqlite3.node', 'prebuilt:' + process.argv.slice(2).join(' '));\n"
      : "process.stderr.write('prebuild-install: no prebuilt binary\\n'); process.exit(1);\n",
  );
  return root;
}

/** A stand-in node-gyp that records what it was run with into the addon it "builds". */
function fakeNodeGyp(dir: string, succeeds: boolean): string {
  return write(
    join(dir, 'fake-node-gyp.js'),
    succeeds
      ? `const fs = require('fs');
const seen = { args: process.argv.slice(2), hadNodeBuild: fs.existsSync('build'), nodedir: process.env.npm_config_nodedir ?? null,
  runtime: process.env.npm_config_runtime, target: process.env.npm_config_target };
fs.mkdirSync('build/Release', { recursive: true });
fs.writeFileSync('build/Release/better_sqlite3.node', JSON.stringify(seen));\n`
      : "process.stderr.write('gyp ERR! find Python\\n'); process.exit(1);\n",
  );
}

const target: AddonTarget = { sqliteVersion: '12.11.1', electronVersion: '41.7.1', platform: 'linux', arch: 'x64' };
const quiet = (): void => undefined;

describe('finding the Electron binary', () => {
  it('finds the electron package this checkout installed', () => {
    expect(electronPackageDir(repoRoot)).toBe(join(repoRoot, 'node_modules', 'electron'));
  });

  it('reports the binary missing when path.txt is missing, and the user is told why and what to do', () => {
    const electron = join(fakeProject(), 'node_modules', 'electron');
    const binary = findElectronBinary(electron, {});
    expect(binary).toEqual({
      available: false,
      version: '41.7.1',
      reason: `${join(electron, 'path.txt')} does not exist: the binary was never downloaded`,
    });
    if (binary.available) return;
    const message = missingElectronMessage(binary);
    expect(message).toContain("Ridgeline's desktop app cannot start: the Electron 41.7.1 binary is not installed");
    expect(message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1');
    expect(message).toContain('node node_modules/electron/install.js');
    expect(message).toContain('Then run npm start again.');
    expect(message).toContain('`npm run serve` runs Ridgeline headless');
  });

  it('reports an interrupted download: path.txt written but no executable', () => {
    const binary = findElectronBinary(
      join(fakeProject({ downloaded: 'path.txt only' }), 'node_modules', 'electron'),
      {},
    );
    expect(binary.available).toBe(false);
    if (!binary.available) expect(binary.reason).toContain('the download did not complete');
  });

  it('finds a downloaded binary in dist/, or in ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const root = fakeProject({ downloaded: 'yes' });
    const electron = join(root, 'node_modules', 'electron');
    expect(findElectronBinary(electron, {})).toEqual({
      available: true,
      executable: join(electron, 'dist', 'electron'),
      version: '41.7.1',
    });

    const elsewhere = makeTempDir();
    write(join(elsewhere, 'electron'), '');
    expect(findElectronBinary(electron, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toMatchObject({
      available: true,
      executable: join(elsewhere, 'electron'),
    });
  });
});

describe('fetching the Electron binary on first use', () => {
  // Since Electron 42, npm install leaves the download to the first start; a fake install.js (a real
  // child process) stands in for the electron package's, which would need its download host.
  const withInstaller = (script: string): string => {
    const electron = join(fakeProject(), 'node_modules', 'electron');
    write(join(electron, 'install.js'), script);
    return electron;
  };
  const downloads =
    "const fs = require('fs'); fs.mkdirSync(__dirname + '/dist'); fs.writeFileSync(__dirname + '/dist/electron', ''); fs.writeFileSync(__dirname + '/path.txt', 'electron');\n";

  it("runs the electron package's install script, after which the binary is found", () => {
    const electron = withInstaller(downloads);
    expect(fetchElectronBinary(electron, { PATH: process.env.PATH })).toBe(true);
    expect(findElectronBinary(electron, {})).toMatchObject({
      available: true,
      executable: join(electron, 'dist', 'electron'),
    });
  });

  it('reports a failed download, leaving the binary missing', () => {
    const electron = withInstaller("process.stderr.write('connect ETIMEDOUT\\n'); process.exit(1);\n");
    expect(fetchElectronBinary(electron, { PATH: process.env.PATH })).toBe(false);
    expect(findElectronBinary(electron, {}).available).toBe(false);
  });

  it('does not try when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    const electron = withInstaller(downloads);
    expect(fetchElectronBinary(electron, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe(false);
    expect(existsSync(join(electron, 'path.txt'))).toBe(false);
  });
});

// Runs the real launcher entries from a fake project without an Electron binary. Needs the build
// (npm test builds first); the launcher bundle imports only Node built-ins, so it runs from a copy.
const builtLaunchers = join(repoRoot, 'out', 'launcher');
describe.skipIf(!existsSync(join(builtLaunchers, 'dev.js')))(
  'npm start and npm run dev without the Electron binary',
  () => {
    for (const [entry, command] of [
      ['launch.js', 'npm start'],
      ['dev.js', 'npm run dev'],
    ] as const) {
      it(`${command} prints the missing-binary message naming it and exits with code 1`, () => {
        const root = fakeProject();
        cpSync(builtLaunchers, join(root, 'out', 'launcher'), { recursive: true });
        const result = spawnSync(process.execPath, [join(root, 'out', 'launcher', entry)], {
          cwd: root,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
        });
        const binary = findElectronBinary(join(root, 'node_modules', 'electron'), {});
        expect(binary.available).toBe(false);
        if (binary.available) return;
        expect(result.stderr).toBe(missingElectronMessage(binary, command));
        expect(result.stderr).toContain(`Then run ${command} again.`);
        expect(result.stdout).toBe('');
        expect(result.status).toBe(1);
      });
    }
  },
);

describe('the better-sqlite3 addon for Electron', () => {
  it('is cached per better-sqlite3 version, Electron version, platform and arch inside node_modules', () => {
    expect(addonCachePath('/p', target)).toBe(
      join(
        '/p',
        'node_modules',
        '.cache',
        'ridgeline-native',
        'better-sqlite3-12.11.1-electron-41.7.1-linux-x64',
        'better_sqlite3.node',
      ),
    );
  });

  it('is built with the Electron target even when npm config says nodedir, which node-gyp would obey over its flags', () => {
    const env = addonBuildEnv(
      {
        PATH: '/bin',
        npm_config_nodedir: '/usr',
        NPM_CONFIG_TARGET: '20.0.0',
        npm_config_disturl: 'x',
        npm_config_cache: '/c',
      },
      target,
    );
    expect(env).toEqual({
      PATH: '/bin',
      npm_config_cache: '/c',
      npm_config_runtime: 'electron',
      npm_config_target: '41.7.1',
      npm_config_arch: 'x64',
      npm_config_dist_url: ELECTRON_HEADERS_URL,
    });
  });

  it('tries a prebuilt download before compiling, both for the Electron runtime and version', () => {
    const steps = addonBuildSteps(target, '/pi/bin.js', { command: '/node', args: ['/gyp.js'], shell: false });
    expect(steps.map((s) => [s.command, ...s.args])).toEqual([
      [
        process.execPath,
        '/pi/bin.js',
        '--runtime',
        'electron',
        '--target',
        '41.7.1',
        '--arch',
        'x64',
        '--platform',
        'linux',
      ],
      [
        '/node',
        '/gyp.js',
        'rebuild',
        '--release',
        '--runtime=electron',
        '--target=41.7.1',
        '--arch=x64',
        `--dist-url=${ELECTRON_HEADERS_URL}`,
      ],
    ]);
  });

  it("finds node-gyp as npm runs it, then the project's copy, then npm's bundled copy, then npx", () => {
    const exists = (path: string): boolean => path.startsWith('/npm/');
    expect(findNodeGyp(repoRoot, { npm_config_node_gyp: '/npm/gyp.js' }, '/node', 'linux', exists).args).toEqual([
      '/npm/gyp.js',
    ]);
    expect(findNodeGyp(repoRoot, {}, '/node', 'linux', exists).args).toEqual([
      require.resolve('node-gyp/bin/node-gyp.js', { paths: [repoRoot] }),
    ]);

    const bare = fakeProject();
    expect(findNodeGyp(bare, { npm_execpath: '/npm/bin/npm-cli.js' }, '/node', 'linux', exists)).toEqual({
      command: '/node',
      args: [join('/npm/bin/..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')],
      shell: false,
    });
    expect(findNodeGyp(bare, {}, '/node', 'win32', () => false)).toEqual({
      command: 'npx.cmd',
      args: ['--yes', 'node-gyp'],
      shell: true,
    });
  });

  it('compiles in a scratch copy when no prebuilt exists, caches the result and leaves the Node build alone', () => {
    const root = fakeProject();
    const env = { PATH: process.env.PATH, npm_config_node_gyp: fakeNodeGyp(root, true), npm_config_nodedir: '/usr' };
    const cached = ensureSqliteAddon({
      root,
      electronVersion: '41.7.1',
      platform: 'linux',
      arch: 'x64',
      env,
      log: quiet,
      stdio: 'ignore',
    });

    expect(cached).toBe(addonCachePath(root, target));
    expect(JSON.parse(readFileSync(cached, 'utf8'))).toEqual({
      args: [
        'rebuild',
        '--release',
        '--runtime=electron',
        '--target=41.7.1',
        '--arch=x64',
        `--dist-url=${ELECTRON_HEADERS_URL}`,
      ],
      hadNodeBuild: false,
      nodedir: null,
      runtime: 'electron',
      target: '41.7.1',
    });
    expect(
      readFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8'),
    ).toBe('the Node build');
  });

  it('uses a prebuilt addon when one downloads, without compiling', () => {
    const root = fakeProject({ prebuildSucceeds: true });
    const env = { PATH: process.env.PATH, npm_config_node_gyp: fakeNodeGyp(root, false) };
    const cached = ensureSqliteAddon({
      root,
      electronVersion: '41.7.1',
      platform: 'linux',
      arch: 'x64',
      env,
      log: quiet,
      stdio: 'ignore',
    });
    expect(readFileSync(cached, 'utf8')).toBe(
      'prebuilt:--runtime electron --target 41.7.1 --arch x64 --platform linux',
    );
  });

  it('does not build again once the addon is cached', () => {
    const root = fakeProject();
    const cached = write(addonCachePath(root, target), 'built earlier');
    const env = { PATH: process.env.PATH, npm_config_node_gyp: fakeNodeGyp(root, false) };
    expect(
      ensureSqliteAddon({
        root,
        electronVersion: '41.7.1',
        platform: 'linux',
        arch: 'x64',
        env,
        log: quiet,
        stdio: 'ignore',
      }),
    ).toBe(cached);
    expect(readFileSync(cached, 'utf8')).toBe('built earlier');
  });

  it('says what failed and what to do when neither a download nor a compile works', () => {
    const root = fakeProject();
    const env = { PATH: process.env.PATH, npm_config_node_gyp: fakeNodeGyp(root, false) };
    let thrown: unknown;
    try {
      ensureSqliteAddon({
        root,
        electronVersion: '41.7.1',
        platform: 'linux',
        arch: 'x64',
        env,
        log: quiet,
        stdio: 'ignore',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AddonBuildError);
    const message = (thrown as Error).message;
    expect(message).toContain('better-sqlite3 12.11.1 has no build for Electron 41.7.1');
    expect(message).toContain('  - download a prebuilt addon (prebuild-install): exited with code 1');
    expect(message).toContain('  - compile it from source (node-gyp): exited with code 1');
    expect(message).toContain('Python 3 and a C++ toolchain');
    expect(existsSync(addonCachePath(root, target))).toBe(false);
  });
});
