// Filters of the chart: node and link types, lanes, and the time window (also set on the timeline); the
// timeline and link labels switched on and off.
import { Button, Checkbox, H5, InputGroup, Switch } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { EDGE_TYPES, NODE_TYPES, type EdgeType, type NodeType } from '../../../../shared/domain/graph.ts';
import { LANES, type Lane } from '../../../../shared/domain/targeting.ts';
import { dateRange, type ChartState, type Filters } from './chart-model.ts';

export function FilterPanel({
  state,
  timeline,
  edgeLabels,
  onTimeline,
  onEdgeLabels,
  onChange,
}: {
  state: ChartState;
  timeline: boolean;
  edgeLabels: boolean;
  onTimeline(on: boolean): void;
  onEdgeLabels(on: boolean): void;
  onChange(f: Partial<Filters>): void;
}) {
  const { t } = useTranslation();
  const f = state.filters;
  const present = new Set([...state.nodes.values()].map((n) => n.type));
  const presentEdges = new Set([...state.edges.values()].map((e) => e.type));
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? list.filter((x) => x !== item) : [...list, item]);
  const range = dateRange(state);
  const window = f.window ?? range;
  return (
    <div className="pc-graph-filters" data-testid="graph-filters">
      <Switch checked={timeline} label={t('graph.filters.timeline')} onChange={(e) => onTimeline(e.currentTarget.checked)} />
      <Switch checked={edgeLabels} label={t('graph.filters.edgeLabels')} onChange={(e) => onEdgeLabels(e.currentTarget.checked)} />
      <H5>{t('graph.filters.window')}</H5>
      {range ? (
        <div className="pc-graph-window">
          <InputGroup
            type="date"
            value={window?.[0] ?? ''}
            min={range[0]}
            max={range[1]}
            onChange={(e) => onChange({ window: [e.target.value || range[0], window?.[1] ?? range[1]] })}
            data-testid="graph-window-from"
          />
          <InputGroup
            type="date"
            value={window?.[1] ?? ''}
            min={range[0]}
            max={range[1]}
            onChange={(e) => onChange({ window: [window?.[0] ?? range[0], e.target.value || range[1]] })}
            data-testid="graph-window-to"
          />
          <Button small minimal icon="cross" disabled={!f.window} onClick={() => onChange({ window: null })} aria-label={t('graph.filters.clearWindow')} />
        </div>
      ) : (
        <p className="pc-muted">{t('graph.filters.noDates')}</p>
      )}
      <H5>{t('graph.filters.lanes')}</H5>
      {LANES.map((lane: Lane) => (
        <Checkbox
          key={lane}
          inline
          label={t(`targeting.lane.${lane}`)}
          checked={!f.lanes || f.lanes.includes(lane)}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            const current = f.lanes ?? [...LANES];
            const next = on ? [...current, lane] : current.filter((l) => l !== lane);
            onChange({ lanes: next.length === LANES.length ? null : next });
          }}
        />
      ))}
      <H5>{t('graph.filters.nodeTypes')}</H5>
      {NODE_TYPES.filter((type) => present.has(type)).map((type: NodeType) => (
        <Checkbox
          key={type}
          label={t(`graph.types.${type}`)}
          checked={!f.hiddenTypes.includes(type)}
          onChange={(e) => onChange({ hiddenTypes: toggle(f.hiddenTypes, type, e.currentTarget.checked) })}
          data-testid={`graph-filter-type-${type}`}
        />
      ))}
      <H5>{t('graph.filters.edgeTypes')}</H5>
      {EDGE_TYPES.filter((type) => presentEdges.has(type)).map((type: EdgeType) => (
        <Checkbox
          key={type}
          label={t(`graph.edges.${type}`)}
          checked={!f.hiddenEdges.includes(type)}
          onChange={(e) => onChange({ hiddenEdges: toggle(f.hiddenEdges, type, e.currentTarget.checked) })}
        />
      ))}
    </div>
  );
}
