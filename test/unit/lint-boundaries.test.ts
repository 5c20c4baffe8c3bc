import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The house's import boundaries are lint rules; this pins that a crossing fails lint.
const eslint = new ESLint({ cwd: resolve(__dirname, '../..') });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('fail lint when the runtime core imports electron or a host folder', async () => {
    const messages = await restrictedImports(
      'src-main/core/scheduler/probe.ts',
      "import { app } from 'electron';\nimport { x } from '../../os/notifier';\nimport { y } from '../../server/http';\nexport const z = [app, x, y];\n",
    );
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('Only src-main/index.ts, src-main/desktop/ and src-preload/ may import electron');
  });

  it('fail lint when the runtime core or os imports the MCP server', async () => {
    const code = "import { x } from '../../mcp-server/server';\nexport const z = x;\n";
    expect(await restrictedImports('src-main/core/maintenance/probe.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src-main/os/probe/probe.ts', code)).toHaveLength(1);
  });

  it('fail lint when the headless host imports desktop code, or os imports electron', async () => {
    expect(
      await restrictedImports(
        'src-main/server/probe.ts',
        "import { t } from '../desktop/tray';\nexport const z = t;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports('src-main/os/probe.ts', "import { app } from 'electron';\nexport const z = app;\n"),
    ).toHaveLength(1);
  });

  it('let the renderer import only types from src-main', async () => {
    const file = 'src-renderer/src/probe.ts';
    expect(
      await restrictedImports(
        file,
        "import { calls } from '../../src-main/core/api/contract';\nexport const z = calls;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        file,
        "import type { Task } from '../../src-main/core/api/contract';\nexport type Z = Task;\n",
      ),
    ).toEqual([]);
  });

  it('allow electron in the desktop host', async () => {
    expect(
      await restrictedImports('src-main/desktop/probe.ts', "import { app } from 'electron';\nexport const z = app;\n"),
    ).toEqual([]);
  });
});

// One probe per floor of the core: importing the floor just above fails lint, naming the floor.
const floorProbes: Array<{ floor: string; file: string; imports: string }> = [
  { floor: 'model', file: 'src-main/core/model/probe.ts', imports: '../lib/errors' },
  { floor: 'lib', file: 'src-main/core/lib/probe.ts', imports: '../db/statements' },
  { floor: 'db', file: 'src-main/core/db/repos/probe.ts', imports: '../../store' },
  { floor: 'store', file: 'src-main/core/events/probe.ts', imports: '../queue/transitions' },
  { floor: 'services', file: 'src-main/core/notify/probe.ts', imports: '../api/contract' },
  { floor: 'services', file: 'src-main/core/maintenance/probe.ts', imports: '../api/handlers' },
  { floor: 'api', file: 'src-main/core/api/handlers/probe.ts', imports: '../../runtime' },
];

describe('the floors of the core', () => {
  it.each(floorProbes)('fail lint when the $floor floor imports a higher one', async ({ floor, file, imports }) => {
    const messages = await restrictedImports(file, `import { x } from '${imports}';\nexport const z = x;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`The ${floor} floor of the core may not import a higher floor`);
  });

  it('let a floor import the floors below it', async () => {
    const code =
      "import { a } from '../model/types';\nimport { b } from '../lib/errors';\nimport { c } from '../db/statements';\n" +
      "import { d } from '../store';\nimport { e } from '../pipeline/spec';\nexport const z = [a, b, c, d, e];\n";
    expect(await restrictedImports('src-main/core/queue/probe.ts', code)).toEqual([]);
  });
});

const root = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('SQL', () => {
  it('is written only in src-main/core/db', () => {
    const sql = /\.prepare\(\s*[`'"]|\bstatement(<[^>]*>)?\(|[`'"]\s*(SELECT|INSERT|UPDATE|DELETE)\s/;
    const outside = sourceFiles(join(root, 'src-main'))
      .map((file) => relative(root, file))
      .filter((file) => !file.startsWith('src-main/core/db/'))
      .filter((file) => sql.test(readFileSync(join(root, file), 'utf8')));
    expect(outside).toEqual([]);
  });

  it('is reached only through the store: nothing outside src-main/core/db uses store.db', () => {
    const outside = sourceFiles(join(root, 'src-main'))
      .map((file) => relative(root, file))
      .filter((file) => !file.startsWith('src-main/core/db/'))
      .filter((file) => /\bstore\.db\b/.test(readFileSync(join(root, file), 'utf8')));
    expect(outside).toEqual([]);
  });
});
