// Places the dependency graph's nodes with dagre (left to right: a dependency before the tasks that
// wait for it). Each group of connected tasks is laid out on its own and the groups are packed in
// rows about twice as wide as they are tall, so hundreds of small chains fill the canvas instead of
// standing in one column too tall to read. Pure, so the layout is unit-tested without a browser.
import { Graph, layout } from '@dagrejs/dagre';
import type { TaskGraph } from '../../api/contract-types';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;
/** Space between packed groups. */
const GROUP_GAP = 48;
/** The packed picture's width over its height, near a wide canvas's. */
const ASPECT = 2;

export interface PlacedNode {
  id: string;
  /** Top-left corner, as React Flow places a node. */
  x: number;
  y: number;
}

interface Group {
  nodes: PlacedNode[];
  width: number;
  height: number;
}

/** The graph's connected groups of tasks, each a list of node ids, in the order the nodes come. */
function connectedGroups(graph: TaskGraph): string[][] {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  for (const e of graph.edges) {
    if (parent.has(e.from) && parent.has(e.to)) parent.set(root(e.from), root(e.to));
  }
  const groups = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const r = root(n.id);
    groups.set(r, [...(groups.get(r) ?? []), n.id]);
  }
  return [...groups.values()];
}

function layoutGroup(ids: string[], edges: TaskGraph['edges']): Group {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 110, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const inGroup = new Set(ids);
  for (const id of ids) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of edges) if (inGroup.has(e.from) && inGroup.has(e.to)) g.setEdge(e.from, e.to);
  layout(g);
  const nodes = ids.map((id) => {
    const { x, y } = g.node(id);
    return { id, x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 };
  });
  const width = Math.max(...nodes.map((n) => n.x)) + NODE_WIDTH;
  const height = Math.max(...nodes.map((n) => n.y)) + NODE_HEIGHT;
  return { nodes, width, height };
}

export function layoutGraph(graph: TaskGraph): Map<string, PlacedNode> {
  const groups = connectedGroups(graph)
    .map((ids) => layoutGroup(ids, graph.edges))
    // The largest groups first, so the picture opens on the most connected tasks.
    .sort((a, b) => b.nodes.length - a.nodes.length);
  const area = groups.reduce((sum, g) => sum + (g.width + GROUP_GAP) * (g.height + GROUP_GAP), 0);
  const rowWidth = Math.max(...groups.map((g) => g.width), Math.sqrt(area * ASPECT));
  const placed = new Map<string, PlacedNode>();
  let x = 16;
  let y = 16;
  let rowHeight = 0;
  for (const group of groups) {
    if (x > 16 && x + group.width > rowWidth + 16) {
      x = 16;
      y += rowHeight + GROUP_GAP;
      rowHeight = 0;
    }
    for (const n of group.nodes) placed.set(n.id, { id: n.id, x: n.x + x, y: n.y + y });
    x += group.width + GROUP_GAP;
    rowHeight = Math.max(rowHeight, group.height);
  }
  return placed;
}

/** The nodes a first view shows at a readable size: those near the top-left corner. */
export function openingNodes(placed: ReadonlyMap<string, PlacedNode>, width: number, height: number): string[] {
  return [...placed.values()].filter((n) => n.x + NODE_WIDTH <= width && n.y + NODE_HEIGHT <= height).map((n) => n.id);
}
