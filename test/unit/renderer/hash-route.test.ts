import { describe, expect, it } from 'vitest';
import { pageHash, parseHash, runHash } from '../../../src-renderer/src/lib/hash-route';

describe('board addresses', () => {
  it('reads each page, a run and a view from the hash', () => {
    expect(parseHash('').page).toBe('board');
    expect(parseHash('#/').page).toBe('board');
    expect(parseHash('#/activity').page).toBe('activity');
    expect(parseHash('#settings').page).toBe('settings');
    const run = parseHash('#/runs/01J%2Fx?tab=log');
    expect(run).toMatchObject({ page: 'run', runId: '01J/x' });
    expect(run.query.get('tab')).toBe('log');
    expect(parseHash('#/runs?status=failed&trigger=manual').query.get('trigger')).toBe('manual');
  });

  it('calls an unknown address not found instead of showing the board', () => {
    expect(parseHash('#/nowhere').page).toBe('not_found');
    expect(parseHash('#/runs/a/b').page).toBe('not_found');
    expect(parseHash('#/runs/%E0%A4%A').page).toBe('not_found');
  });

  it('writes addresses that read back the same', () => {
    expect(pageHash('runs', { status: 'failed', task: undefined, trigger: '' })).toBe('#/runs?status=failed');
    expect(parseHash(runHash('a b/c'))).toMatchObject({ page: 'run', runId: 'a b/c' });
  });
});
