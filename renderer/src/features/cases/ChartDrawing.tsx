// A saved chart drawn for the printed report: its nodes where the analyst left them, coloured by type,
// with their links and (when few enough to read) their labels. Plain SVG elements, so it prints sharp.
import type { ChartContent, GraphEdge, GraphNode, NodeType } from '../../../../shared/domain/graph.ts';
import { LANE_COLOUR, NODE_COLOUR } from '../graph/graph-style.ts';

const LABELS_UP_TO = 150;

export function ChartDrawing({ content, title }: { content: ChartContent; title: string }) {
  const hidden = new Set(content.hidden);
  const nodes = (content.nodes as unknown as GraphNode[]).filter((n) => content.positions[n.id] && !hidden.has(n.id));
  if (!nodes.length) return null;
  const at = (id: string) => content.positions[id]!;
  const xs = nodes.map((n) => at(n.id).x);
  const ys = nodes.map((n) => at(n.id).y);
  const pad = 60;
  const minX = Math.min(...xs) - pad;
  const minY = Math.min(...ys) - pad;
  const width = Math.max(...xs) - minX + pad;
  const height = Math.max(...ys) - minY + pad;
  const on = new Set(nodes.map((n) => n.id));
  const edges = (content.edges as unknown as GraphEdge[]).filter((e) => on.has(e.source) && on.has(e.target));
  // Sizes follow the drawing's scale, so that a big chart printed on one page still shows its dots.
  const r = Math.max(8, Math.max(width, height) / 140);
  const font = r * 1.1;
  return (
    <svg className="pc-print-chart" viewBox={`${minX} ${minY} ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
      <g>
        {edges.map((e) => {
          const a = at(e.source);
          const b = at(e.target);
          return <line key={e.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#8f99a8" strokeWidth={Math.max(1, r / 6)} />;
        })}
      </g>
      <g>
        {nodes.map((n) => {
          const p = at(n.id);
          return (
            <g key={n.id}>
              <circle
                cx={p.x}
                cy={p.y}
                r={r}
                fill={NODE_COLOUR[n.type as NodeType] ?? '#5f6b7c'}
                stroke={n.risk ? LANE_COLOUR[n.risk] : '#ffffff'}
                strokeWidth={r / 3}
              />
              {nodes.length <= LABELS_UP_TO && (
                <text x={p.x} y={p.y + r * 2.2} fontSize={font} textAnchor="middle" fill="#111418">
                  {n.label.length > 32 ? `${n.label.slice(0, 31)}…` : n.label}
                </text>
              )}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
