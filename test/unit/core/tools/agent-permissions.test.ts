import { describe, expect, it } from 'vitest';
import {
  describeEnvelope,
  envelopeFlags,
  promptInLine,
  requestInLine,
  widenedEnvelope,
} from '../../../../src-main/core/tools/agent-permissions';
import { createPermissionWatch } from '../../../../src-main/core/tools/agent-watch';
import type { PermissionRequest } from '../../../../src-main/core/tools/agent-permissions';
import { FakeClock } from '../../../helpers/fake-clock';

describe('the permission envelope', () => {
  it("becomes each CLI's own flags", () => {
    expect(envelopeFlags('claude', { allowed_tools: ['Read', 'Bash(npm test)'], permission_mode: 'plan' })).toEqual({
      leading: [],
      args: ['--allowedTools', 'Read,Bash(npm test)', '--permission-mode', 'plan'],
      env: {},
    });
    expect(envelopeFlags('codex', { sandbox: 'read-only', ask_for_approval: 'never' })).toEqual({
      // codex-cli takes --ask-for-approval only before its `exec` subcommand.
      leading: ['--ask-for-approval', 'never'],
      args: ['--sandbox', 'read-only'],
      env: {},
    });
    expect(envelopeFlags('goose', { goose_mode: 'approve' })).toEqual({
      leading: [],
      args: [],
      env: { GOOSE_MODE: 'approve' },
    });
    expect(describeEnvelope('claude', { allowed_tools: [] })).toBe('may use no tool');
    expect(describeEnvelope('aider', {})).toBe("aider's own defaults");
  });

  it('reads a Claude Code permission denial, in the result and in stream-json, as the rule to grant', () => {
    const result = JSON.stringify({
      type: 'result',
      permission_denials: [
        { tool_name: 'Bash', tool_use_id: 't1', tool_input: { command: 'npm test' } },
        { tool_name: 'WebFetch', tool_use_id: 't2', tool_input: { url: 'https://example.com' } },
      ],
    });
    expect(requestInLine('claude', result)).toEqual({
      cli: 'claude',
      asked: ['Bash(npm test)', 'WebFetch'],
      grant: { allowed_tools: ['Bash(npm test)', 'WebFetch'] },
    });
    const streamed = JSON.stringify({
      type: 'user',
      message: {
        content: [
          {
            type: 'tool_result',
            is_error: true,
            content: "Claude requested permissions to use Write, but you haven't granted it yet.",
          },
        ],
      },
    });
    expect(requestInLine('claude', streamed)?.grant).toEqual({ allowed_tools: ['Write'] });
    expect(requestInLine('claude', JSON.stringify({ type: 'result', permission_denials: [] }))).toBeUndefined();
  });

  it("reads Codex's approval requests and widens its sandbox, never narrowing it", () => {
    const asked = requestInLine(
      'codex',
      JSON.stringify({ id: '1', msg: { type: 'exec_approval_request', command: ['rm', 'x'] } }),
    );
    expect(asked).toEqual({ cli: 'codex', asked: ['run: rm x'], grant: { sandbox: 'danger-full-access' } });
    expect(widenedEnvelope({ sandbox: 'read-only' }, [asked])).toEqual({ sandbox: 'danger-full-access' });
    const patch = requestInLine('codex', JSON.stringify({ msg: { type: 'apply_patch_approval_request' } }));
    expect(widenedEnvelope({ sandbox: 'danger-full-access' }, [patch])).toEqual({ sandbox: 'danger-full-access' });
    expect(widenedEnvelope({ allowed_tools: ['Read'] }, [{ nonsense: true }])).toEqual({ allowed_tools: ['Read'] });
  });

  it('halts on a prompt only when no output follows it for the stall time', () => {
    const clock = new FakeClock();
    const seen: PermissionRequest[] = [];
    const watch = createPermissionWatch({ cli: 'goose', stallMs: 1000, clock, onRequest: (r) => seen.push(r) });
    watch.output('Do you want to proceed? (y/n)\n');
    clock.advance(900);
    watch.output('proceeding on my own\n');
    clock.advance(5000);
    expect(seen).toEqual([]);
    // A prompt is usually not ended by a newline: the answer would go on its line.
    watch.output('Checking...\nAllow this ');
    watch.output('command? [y/N] ');
    clock.advance(999);
    expect(seen).toEqual([]);
    clock.advance(1);
    expect(seen).toEqual([promptInLine('goose', 'Allow this command? [y/N]')]);
    expect(seen[0]!.grant).toEqual({ goose_mode: 'auto' });
    expect(promptInLine('claude', 'all 12 tests passed')).toBeUndefined();
  });
});
