// The chart's dated links on a time axis, as i2's theme lines and event frames: a line per node with the
// most dated links, each link an event drawn across the lines of its two ends. Dragging across the axis
// sets the time window (the same filter as the panel's dates), which the chart follows.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphEdge } from '../../../../shared/domain/graph.ts';
import { dateRange, inWindow, type ChartState } from './chart-model.ts';
import { NODE_COLOUR } from './graph-style.ts';

const LEFT = 170;
const ROW = 16;
const MAX_LINES = 10;
const DAY = 86_400_000;

export function TimelineStrip({
  state,
  visibleEdges,
  onWindow,
  onSelect,
}: {
  state: ChartState;
  visibleEdges: GraphEdge[];
  onWindow(w: [string, string] | null): void;
  onSelect(ids: string[]): void;
}) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Drawn at the strip's own width, so text is not stretched.
  const [WIDTH, setWidth] = useState(1000);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(400, Math.round(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const [drag, setDrag] = useState<[number, number] | null>(null);
  const range = dateRange(state);
  const dated = useMemo(() => [...state.edges.values()].filter((e) => e.first || e.last), [state.edges]);
  const lines = useMemo(() => {
    const count = new Map<string, number>();
    for (const e of dated) for (const id of [e.source, e.target]) count.set(id, (count.get(id) ?? 0) + 1);
    return [...count]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_LINES)
      .map(([id]) => id);
  }, [dated]);
  if (!range || lines.length === 0) return <div ref={box} className="pc-graph-timeline pc-empty" />;
  const lo = Date.parse(range[0]);
  const hi = Math.max(Date.parse(range[1]), lo + DAY);
  const x = (d: string) => LEFT + ((Date.parse(d.slice(0, 10)) - lo) / (hi - lo)) * (WIDTH - LEFT - 10);
  const dateAt = (px: number) =>
    new Date(lo + (Math.max(0, Math.min(WIDTH - LEFT - 10, px - LEFT)) / (WIDTH - LEFT - 10)) * (hi - lo)).toISOString().slice(0, 10);
  const row = new Map(lines.map((id, i) => [id, i]));
  const height = lines.length * ROW + 22;
  const shown = new Set(visibleEdges.map((e) => e.id));
  const w = state.filters.window;
  const toSvgX = (clientX: number) => {
    const r = svg.current!.getBoundingClientRect();
    return ((clientX - r.left) / r.width) * WIDTH;
  };
  const ticks = 6;
  return (
    <div ref={box} className="pc-graph-timeline" data-testid="graph-timeline">
      <svg
        ref={svg}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={t('graph.timeline.label')}
        onMouseDown={(e) => {
          const px = toSvgX(e.clientX);
          if (px >= LEFT) setDrag([px, px]);
        }}
        onMouseMove={(e) => drag && setDrag([drag[0], toSvgX(e.clientX)])}
        onMouseUp={() => {
          if (!drag) return;
          const [a, b] = [Math.min(...drag), Math.max(...drag)];
          setDrag(null);
          onWindow(b - a < 4 ? null : [dateAt(a), dateAt(b)]);
        }}
        onMouseLeave={() => setDrag(null)}
      >
        {w && <rect x={x(w[0])} y={0} width={Math.max(2, x(w[1]) - x(w[0]))} height={height - 18} className="pc-timeline-window" />}
        {drag && <rect x={Math.min(...drag)} y={0} width={Math.abs(drag[1] - drag[0])} height={height - 18} className="pc-timeline-drag" />}
        {lines.map((id, i) => {
          const n = state.nodes.get(id);
          return (
            <g key={id} onClick={() => onSelect([id])} className="pc-timeline-line">
              <text x={4} y={i * ROW + 12} className="pc-timeline-label">
                {(n?.label ?? id).slice(0, 26)}
              </text>
              <line x1={LEFT} x2={WIDTH - 10} y1={i * ROW + 8} y2={i * ROW + 8} stroke={n ? NODE_COLOUR[n.type] : '#8f99a8'} strokeOpacity={0.5} />
            </g>
          );
        })}
        {dated.map((e) => {
          const d = (e.first ?? e.last)!;
          const cx = x(d);
          const a = row.get(e.source);
          const b = row.get(e.target);
          const on = shown.has(e.id) && inWindow(e, w);
          const cls = on ? 'pc-timeline-event' : 'pc-timeline-event pc-off';
          return (
            <g key={e.id} className={cls} onClick={() => onSelect([e.source, e.target])}>
              <title>{`${t(`graph.edges.${e.type}`)} · ${d.slice(0, 10)}`}</title>
              {a !== undefined && b !== undefined && <line x1={cx} x2={cx} y1={a * ROW + 8} y2={b * ROW + 8} />}
              {a !== undefined && <circle cx={cx} cy={a * ROW + 8} r={3} />}
              {b !== undefined && <circle cx={cx} cy={b * ROW + 8} r={3} />}
            </g>
          );
        })}
        {Array.from({ length: ticks + 1 }, (_, i) => {
          const px = LEFT + (i / ticks) * (WIDTH - LEFT - 10);
          return (
            <text key={i} x={px} y={height - 4} className="pc-timeline-tick" textAnchor={i === 0 ? 'start' : i === ticks ? 'end' : 'middle'}>
              {dateAt(px)}
            </text>
          );
        })}
      </svg>
    </div>
  );
}
