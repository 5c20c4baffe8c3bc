import { describe, expect, it } from 'vitest';
import { toolsNeedingUser } from '../../../src-main/mcp-server/gate';
import { inputSchemaOf } from '../../../src-main/mcp-server/schemas';

const pipeline = (...uses: string[]) => ({ steps: uses.map((tool, i) => ({ id: `s${i}`, uses: tool })) });

describe('tasks an agent may leave running on their own', () => {
  it('hold shell, coding-agent, file-write, git, follow-up-task and MCP server steps for the user', () => {
    expect(
      toolsNeedingUser(
        pipeline(
          'wait',
          'shell.exec',
          'agent.run',
          'file.write',
          'git',
          'task.create',
          'mcp.files.write',
          'shell.exec',
        ),
      ),
    ).toEqual(['shell.exec', 'agent.run', 'file.write', 'git', 'task.create', 'mcp.files.write']);
  });

  it('let wait, model, HTTP, file-read, notification and approval steps run on schedule', () => {
    expect(
      toolsNeedingUser(
        pipeline(
          'wait',
          'llm.generate',
          'llm.structured',
          'http.request',
          'file.read',
          'notify.send',
          'approval.request',
        ),
      ),
    ).toEqual([]);
    expect(toolsNeedingUser(null)).toEqual([]);
  });
});

describe('tool input schemas', () => {
  it('come from the contract, with its enums and required fields', () => {
    const runs = inputSchemaOf('runs.list');
    const status = (runs.properties as Record<string, { items?: { enum?: string[] } }>).status!;
    expect(status.items?.enum).toContain('awaiting_approval');
    expect(inputSchemaOf('tasks.get').required).toEqual(['id']);
    expect(inputSchemaOf('tasks.create', { pipeline: 'steps' }).properties).toMatchObject({
      pipeline: { description: 'steps' },
    });
  });
});
