import { describe, expect, it } from 'vitest';
import { layoutGraph, NODE_WIDTH } from '../../../src-renderer/src/features/graph/graph-layout';

describe('the dependency graph layout', () => {
  it('puts each dependency left of the tasks that wait for it, without overlapping nodes', () => {
    const node = (id: string) => ({ id, title: id, column: 'scheduled' as const, waitingReason: null });
    const placed = layoutGraph({
      nodes: ['build', 'lint', 'deploy', 'announce'].map(node),
      edges: [
        { from: 'build', to: 'deploy', holding: true },
        { from: 'lint', to: 'deploy', holding: false },
        { from: 'deploy', to: 'announce', holding: false },
      ],
    });
    const x = (id: string) => placed.get(id)!.x;
    expect(x('build')).toBeLessThan(x('deploy'));
    expect(x('deploy')).toBeLessThan(x('announce'));
    expect(x('deploy') - x('build')).toBeGreaterThanOrEqual(NODE_WIDTH);
    expect(placed.get('build')!.y).not.toBe(placed.get('lint')!.y);
  });
});
