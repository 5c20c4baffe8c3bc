// The installers' rules, read from electron-builder.yml and checked against the real files in
// node_modules and the real build in out/: a helper binary the OS must run sits outside the asar
// archive, native modules ship without their sources, and the Linux packages name what Ridgeline
// needs at run time. Packaging itself needs the Electron binary, which cannot be fetched here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(__dirname, '../../..');

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[] };
  deb: { depends: string[] };
  rpm: { depends: string[] };
}

const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

const matches = (path: string, pattern: string): boolean => minimatch(path, pattern, { dot: true });
/** electron-builder keeps a file unless a negated `files` pattern matches it. */
const shipped = (path: string): boolean =>
  !config.files.filter((p) => p.startsWith('!')).some((p) => matches(path, p.slice(1)));
const unpacked = (path: string): boolean => config.asarUnpack.some((p) => matches(path, p));

describe('electron-builder.yml', () => {
  it("unpacks node-notifier's helper programs, which the OS cannot run from inside the archive", () => {
    const helpers = filesUnder(join(root, 'node_modules', 'node-notifier', 'vendor'));
    for (const name of ['terminal-notifier.app', 'snoretoast-x64.exe', 'notifu64.exe']) {
      expect(helpers.some((f) => f.includes(name))).toBe(true);
    }
    expect(helpers.filter((f) => !unpacked(f) || !shipped(f))).toEqual([]);
  });

  it('ships and unpacks the native addons, and leaves out their sources and build leftovers', () => {
    const native = ['better-sqlite3', 'keytar'].flatMap((m) => filesUnder(join(root, 'node_modules', m)));
    const addons = native.filter((f) => /\/build\/Release\/[^/]+\.node$/.test(f) && !f.includes('test_extension'));
    expect(addons).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(addons).toContain('node_modules/keytar/build/Release/keytar.node');
    expect(addons.filter((f) => !shipped(f) || !unpacked(f))).toEqual([]);

    const leftovers = native.filter(
      (f) =>
        /\/(deps|src)\//.test(f) ||
        /\.(c|cc|cpp|h|hpp)$/.test(f) ||
        /\/build\/Release\/obj(\.target)?\//.test(f) ||
        /\/build\/(deps\/|Makefile$|config\.gypi$|[^/]+\.mk$)/.test(f) ||
        f.endsWith('test_extension.node'),
    );
    expect(leftovers.length).toBeGreaterThan(10);
    expect(leftovers.filter(shipped)).toEqual([]);
    // What the modules load at run time stays.
    expect(shipped('node_modules/better-sqlite3/lib/index.js')).toBe(true);
    expect(shipped('node_modules/keytar/lib/keytar.js')).toBe(true);
  });

  it("declares the deb's and rpm's runtime dependencies: notify-send, libsecret and Electron's own", () => {
    expect(config.deb.depends).toEqual(
      expect.arrayContaining(['libnotify-bin', 'libnotify4', 'libsecret-1-0', 'libgtk-3-0', 'libnss3', 'libgbm1']),
    );
    expect(config.rpm.depends).toEqual(expect.arrayContaining(['libnotify', 'libsecret', 'gtk3', 'nss']));
  });

  it('rebuilds native modules for Electron only inside npm run dist, which restores their Node build', () => {
    expect(config.npmRebuild).toBe(true);
    expect(pkg.scripts.dist).toBe('npm run build && node out/launcher/dist.js');
  });
});

const mainDir = join(root, 'out', 'main');
describe.skipIf(!existsSync(mainDir))('the build in out/ against electron-builder.yml', () => {
  it('ships the hosts, the preload and the board, and not the launchers', () => {
    const built = filesUnder(join(root, 'out'));
    for (const entry of ['out/main/index.js', 'out/main/headless.js', 'out/preload/index.js']) {
      expect(built).toContain(entry);
      expect(shipped(entry)).toBe(true);
    }
    expect(built.some((f) => f.startsWith('out/renderer/') && f.endsWith('.html') && shipped(f))).toBe(true);
    expect(built.filter((f) => f.startsWith('out/launcher/'))).not.toEqual([]);
    expect(
      built.filter((f) => f.startsWith('out/launcher/') && config.files.some((p) => p === '!out/launcher/**')),
    ).toEqual(built.filter((f) => f.startsWith('out/launcher/')));
    expect(built.filter((f) => f.endsWith('.node'))).toEqual([]);
  });

  it('loads at run time only packages of the production dependency tree, which the installer carries', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    const inProduction = (name: string): boolean => {
      const entry = lock.packages[`node_modules/${name}`];
      return entry !== undefined && !entry.dev && !entry.devOptional;
    };
    const required = new Set<string>();
    for (const file of filesUnder(mainDir).filter((f) => f.endsWith('.js'))) {
      for (const [, spec] of readFileSync(join(root, file), 'utf8').matchAll(/(?:require|import)\("([^".][^"]*)"\)/g)) {
        const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
        if (!name.startsWith('node:') && !builtinModules.includes(name) && name !== 'electron') required.add(name);
      }
    }
    expect([...required]).toEqual(expect.arrayContaining(['better-sqlite3', 'keytar', 'node-notifier']));
    expect([...required].filter((name) => !inProduction(name))).toEqual([]);
  });
});
