// Places the dependency graph's nodes with dagre (left to right: a dependency before the tasks that
// wait for it). Pure, so the layout is unit-tested without a browser.
import { Graph, layout } from '@dagrejs/dagre';
import type { TaskGraph } from '../../api/contract-types';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;

export interface PlacedNode {
  id: string;
  /** Top-left corner, as React Flow places a node. */
  x: number;
  y: number;
}

export function layoutGraph(graph: TaskGraph): Map<string, PlacedNode> {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 110, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of graph.edges) g.setEdge(edge.from, edge.to);
  layout(g);
  const placed = new Map<string, PlacedNode>();
  for (const node of graph.nodes) {
    const { x, y } = g.node(node.id);
    placed.set(node.id, { id: node.id, x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 });
  }
  return placed;
}
