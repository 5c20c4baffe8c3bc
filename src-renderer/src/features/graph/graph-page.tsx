// The Graph page: the dependency DAG drawn with React Flow and laid out by dagre, each task coloured
// by its board column, the edges that hold a waiting run drawn animated and labelled; a task opens
// its form. The same facts follow as a list, for reading without the picture.
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { TaskColumn, TaskGraph } from '../../api/contract-types';
import { useLiveCall } from '../../api/use-live-call';
import { columnTitles } from '../../lib/vocabulary';
import { taskFormHash } from '../board/board-view';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, openingNodes } from './graph-layout';

type TaskNodeData = { title: string; column: TaskColumn; waitingReason: string | null };
type TaskNode = Node<TaskNodeData, 'task'>;

function TaskNodeView({ id, data }: NodeProps<TaskNode>) {
  return (
    <a
      className={`graph-node graph-node-${data.column}`}
      href={taskFormHash(id)}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
      data-testid="graph-node"
      data-column={data.column}
      title={data.waitingReason ?? undefined}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="graph-node-title">{data.title}</span>
      <span className="graph-node-column">{columnTitles[data.column]}</span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </a>
  );
}

const nodeTypes = { task: TaskNodeView };

/** The part of the graph the page opens on (graph units): at a readable zoom on a wide canvas. A
 * larger graph opens on its top-left corner, to pan and zoom from, rather than shrunk to dots. */
const OPENING_WIDTH = 1800;
const OPENING_HEIGHT = 900;

function flowOf(graph: TaskGraph): { nodes: TaskNode[]; edges: Edge[]; opening: { id: string }[] } {
  const placed = layoutGraph(graph);
  const nodes = graph.nodes.map((n): TaskNode => ({
    id: n.id,
    type: 'task',
    position: { x: placed.get(n.id)!.x, y: placed.get(n.id)!.y },
    data: { title: n.title, column: n.column, waitingReason: n.waitingReason },
    draggable: false,
    connectable: false,
  }));
  const edges = graph.edges.map((e): Edge => ({
    id: `${e.from}->${e.to}`,
    source: e.from,
    target: e.to,
    animated: e.holding,
    className: e.holding ? 'graph-edge-holding' : 'graph-edge',
    label: e.holding ? 'holds' : undefined,
    ariaLabel: e.holding ? 'holds a waiting run' : 'dependency',
  }));
  const opening = openingNodes(placed, OPENING_WIDTH, OPENING_HEIGHT).map((id) => ({ id }));
  return { nodes, edges, opening };
}

const EMPTY: TaskGraph = { nodes: [], edges: [] };

export function GraphPage() {
  const live = useLiveCall(
    'tasks.graph',
    {},
    {
      refetchOn: [
        'task:created',
        'task:updated',
        'task:progress',
        'task:deleted',
        'run:queued',
        'schedule:fired',
        'run:updated',
      ],
      throttleMs: 1000,
    },
  );
  const graph = live.value ?? EMPTY;
  const flow = useMemo(() => flowOf(graph), [graph]);
  const titles = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.title])), [graph]);
  const holding = graph.edges.filter((e) => e.holding);

  return (
    <section className="graph-page" aria-labelledby="graph-title">
      <div className="page-heading">
        <h2 id="graph-title" className="page-title">
          Graph
        </h2>
        <span className="muted" data-testid="graph-summary">
          {graph.nodes.length} {graph.nodes.length === 1 ? 'task' : 'tasks'} in {graph.edges.length}{' '}
          {graph.edges.length === 1 ? 'dependency' : 'dependencies'}
          {holding.length > 0 && ` · ${holding.length} holding a waiting run`}
        </span>
      </div>
      {live.error && (
        <p className="banner banner-error" role="alert">
          Could not load the graph: {live.error.message}
        </p>
      )}
      {live.value && graph.edges.length === 0 && (
        <p className="empty-state">No task depends on another. A task’s form sets what it waits for.</p>
      )}
      {graph.edges.length > 0 && (
        <div className="graph-canvas" data-testid="graph-canvas">
          <ReactFlow
            nodes={flow.nodes}
            edges={flow.edges}
            nodeTypes={nodeTypes}
            fitView
            fitViewOptions={{ nodes: flow.opening }}
            minZoom={0.2}
            maxZoom={1}
            nodesDraggable={false}
            nodesConnectable={false}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
      )}
      {graph.edges.length > 0 && (
        <ul className="dependency-list" aria-label="Dependencies">
          {graph.edges.map((e) => (
            <li key={`${e.from}->${e.to}`} className="dependency-item" data-testid="dependency-item">
              <a href={taskFormHash(e.to)}>{titles.get(e.to)}</a>
              <span>
                waits for <a href={taskFormHash(e.from)}>{titles.get(e.from)}</a>
                {e.holding && <strong className="graph-holding"> · holding a waiting run</strong>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
