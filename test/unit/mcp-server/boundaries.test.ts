import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(__dirname, '../../..') });

async function restrictedImports(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {
    filePath: resolve(__dirname, '../../..', 'src-main/mcp-server/probe.ts'),
  });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('MCP server import boundaries', () => {
  it('fail lint when the MCP server imports electron or desktop code', async () => {
    const messages = await restrictedImports(
      "import { app } from 'electron';\nimport { t } from '../desktop/tray';\nexport const z = [app, t];\n",
    );
    expect(messages).toHaveLength(2);
    expect(messages[1]).toContain('The MCP server never loads desktop code.');
  });
});
