// The selected node: what it is, its lane and watchlist hits, the parties merged into it, its measures,
// the record it opens, and expansion through each kind of link it can have.
import { Button, H5, HTMLTable, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { EdgeType, GraphNode, NodeType } from '../../../../shared/domain/graph.ts';
import type { RecordRef } from '../records/record-ref.ts';
import { openCase } from '../cases/case-route.ts';
import { LaneTag } from '../targeting/LaneTag.tsx';
import type { Measures } from './analysis.ts';
import type { ChartState } from './chart-model.ts';

/** The links a node of each type can be expanded through. */
export const EXPANDS: Record<NodeType, EdgeType[]> = {
  party: ['shipper_of', 'consignee_of', 'notify_of', 'forwarder_of', 'uses_address', 'uses_phone', 'uses_email', 'same_as', 'linked_to_case'],
  address: ['uses_address'],
  phone: ['uses_phone'],
  email: ['uses_email'],
  payment: ['paid_with'],
  shipment: [
    'shipper_of',
    'consignee_of',
    'notify_of',
    'forwarder_of',
    'in_container',
    'carried_on',
    'loaded_at',
    'transshipped_at',
    'discharged_at',
    'seized_in',
  ],
  container: ['in_container'],
  vessel: ['carried_on'],
  truck: ['carried_on'],
  flight: ['carried_on', 'travelled_on'],
  place: ['loaded_at', 'discharged_at'],
  passenger: ['booked_on', 'travelled_on', 'holds_document', 'seized_in', 'linked_to_case'],
  document: ['holds_document'],
  booking: ['booked_on', 'uses_phone', 'uses_email', 'paid_with', 'linked_to_case'],
  seizure: ['seized_in', 'linked_to_case'],
  case: ['linked_to_case'],
  collection: [],
};

export function Inspector({
  nodes,
  state,
  measures,
  onExpand,
  onOpen,
  busy,
}: {
  nodes: GraphNode[];
  state: ChartState;
  measures: Measures;
  onExpand(edges?: EdgeType[]): void;
  onOpen(ref: RecordRef): void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  if (nodes.length === 0) return <p className="pc-muted pc-graph-hint">{t('graph.inspector.pick')}</p>;
  if (nodes.length > 1) {
    const types = new Map<NodeType, number>();
    for (const n of nodes) types.set(n.type, (types.get(n.type) ?? 0) + 1);
    return (
      <div className="pc-graph-inspector" data-testid="graph-inspector">
        <H5>{t('graph.inspector.selected', { count: nodes.length })}</H5>
        <div className="pc-tags">
          {[...types].map(([type, n]) => (
            <Tag key={type} minimal>
              {t(`graph.types.${type}`)} × {n}
            </Tag>
          ))}
        </div>
        <Button icon="expand-all" text={t('graph.expand')} disabled={busy} onClick={() => onExpand()} />
      </div>
    );
  }
  const n = nodes[0]!;
  const links = [...state.edges.values()].filter((e) => e.source === n.id || e.target === n.id);
  const record = n.record;
  const measured = (['degree', 'betweenness', 'pagerank', 'community'] as const).filter((m) => measures.values[m]?.has(n.id));
  return (
    <div className="pc-graph-inspector" data-testid="graph-inspector">
      <H5>
        {n.label} {n.risk && <LaneTag lane={n.risk} minimal />}
      </H5>
      <p className="pc-muted">
        {t(`graph.types.${n.type}`)}
        {n.detail ? ` · ${n.detail}` : ''}
      </p>
      {n.watch.length > 0 && (
        <div className="pc-graph-watch" data-testid="graph-watch">
          {n.watch.map((w) => (
            <Tag key={w} intent="danger" minimal icon="warning-sign">
              {w}
            </Tag>
          ))}
        </div>
      )}
      {n.merged?.length ? <p>{t('graph.inspector.merged', { count: n.merged.length })}</p> : null}
      {n.type === 'case' && (
        <Button icon="folder-shared-open" text={t('graph.inspector.openCase')} onClick={() => openCase(Number(n.id.slice(5)))} data-testid="graph-open-case" />
      )}
      {n.collection && <p>{t('graph.inspector.collection', { count: n.collection.count, type: t(`graph.types.${n.collection.nodeType}`) })}</p>}
      {record && record.kind !== 'conveyance' && (
        <Button
          icon="document-open"
          text={t('graph.inspector.openRecord')}
          onClick={() => onOpen({ kind: record.kind as RecordRef['kind'], id: record.id })}
          data-testid="graph-open-record"
        />
      )}
      {measured.length > 0 && (
        <HTMLTable compact className="pc-graph-measures">
          <tbody>
            {measured.map((m) => (
              <tr key={m}>
                <td>{t(`graph.analysis.measures.${m}`)}</td>
                <td>{m === 'community' ? measures.values[m]!.get(n.id)! + 1 : measures.values[m]!.get(n.id)!.toPrecision(3)}</td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      <H5>{n.collection ? t('graph.inspector.open') : t('graph.inspector.expandBy')}</H5>
      <div className="pc-graph-expands">
        <Button
          small
          icon="expand-all"
          text={n.collection ? t('graph.inspector.openNext') : t('graph.inspector.all')}
          disabled={busy}
          onClick={() => onExpand()}
          data-testid="graph-expand-all"
        />
        {EXPANDS[n.type].map((edge) => (
          <Button
            key={edge}
            small
            minimal
            text={t(`graph.edges.${edge}`)}
            disabled={busy}
            onClick={() => onExpand([edge])}
            data-testid={`graph-expand-${edge}`}
          />
        ))}
      </div>
      <H5>{t('graph.inspector.links', { count: links.length })}</H5>
      <HTMLTable compact className="pc-graph-links">
        <tbody>
          {links.slice(0, 30).map((e) => {
            const other = state.nodes.get(e.source === n.id ? e.target : e.source);
            return (
              <tr key={e.id}>
                <td>{t(`graph.edges.${e.type}`)}</td>
                <td>{other?.label}</td>
                <td className="pc-muted">{e.first ? (e.first === e.last ? e.first.slice(0, 10) : `${e.first.slice(0, 10)} – ${e.last?.slice(0, 10)}`) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </HTMLTable>
    </div>
  );
}
