import { describe, expect, it } from 'vitest';
import {
  layoutGraph,
  NODE_HEIGHT,
  NODE_WIDTH,
  openingNodes,
} from '../../../src-renderer/src/features/graph/graph-layout';

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

describe('a dependency graph of many separate chains', () => {
  const node = (id: string) => ({ id, title: id, column: 'scheduled' as const, waitingReason: null });
  const chains = 150;
  const ids = Array.from({ length: chains * 3 }, (_, i) => `t${i}`);
  const graph = {
    nodes: ids.map(node),
    edges: Array.from({ length: chains }, (_, k) => [
      { from: `t${3 * k}`, to: `t${3 * k + 1}`, holding: false },
      { from: `t${3 * k + 1}`, to: `t${3 * k + 2}`, holding: false },
    ]).flat(),
  };

  it('packs the chains in rows wider than tall rather than one column too tall to read', () => {
    const placed = [...layoutGraph(graph).values()];
    const width = Math.max(...placed.map((n) => n.x + NODE_WIDTH));
    const height = Math.max(...placed.map((n) => n.y + NODE_HEIGHT));
    expect(width / height).toBeGreaterThan(1);
    expect(width / height).toBeLessThan(4);
  });

  it('keeps each chain in order and no two nodes overlapping', () => {
    const placed = layoutGraph(graph);
    for (let k = 0; k < chains; k++) {
      expect(placed.get(`t${3 * k}`)!.x).toBeLessThan(placed.get(`t${3 * k + 1}`)!.x);
      expect(placed.get(`t${3 * k}`)!.y).toBe(placed.get(`t${3 * k + 1}`)!.y);
    }
    const boxes = [...placed.values()];
    const overlapping: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT) overlapping.push(`${a.id}/${b.id}`);
      }
    }
    expect(overlapping).toEqual([]);
  });

  it('opens on the nodes of the top-left corner when the whole graph would be too small to read', () => {
    const placed = layoutGraph(graph);
    const opening = openingNodes(placed, 1800, 900);
    expect(opening.length).toBeGreaterThan(0);
    expect(opening.length).toBeLessThan(ids.length);
    expect(opening).toContain([...placed.values()].find((n) => n.x === 16 && n.y === 16)!.id);
  });
});
