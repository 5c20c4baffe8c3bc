import { ESLint } from 'eslint';
import { resolve } from 'node:path';
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
