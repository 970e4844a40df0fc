// The review queue: hits by lane and score, filtered by lane (the chips, with their counts), status and
// kind of record; the selected hit's explanation and decision beside the list. Nothing leaves the queue
// without a person's decision.
import { Button, Classes, HTMLSelect, NonIdealState, SegmentedControl, Spinner } from '@blueprintjs/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lane, TargetEntity } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { HitDetail } from './HitDetail.tsx';
import { HitList } from './HitList.tsx';
import { LaneTag } from './LaneTag.tsx';
import { ScoreButtons } from './ScoreButtons.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useTargetingFormat } from './format.ts';

const PAGE = 100;
const CHIP_LANES: Lane[] = ['red', 'yellow', 'blue'];
type Status = 'open' | 'decided' | 'all';

type Props = { hitId: number | null; onSelect(hitId: number | null): void; onOpen(ref: RecordRef): void };

export function QueueTab({ hitId, onSelect, onOpen }: Props) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const [status, setStatus] = useState<Status>('open');
  const [lane, setLane] = useState<Lane | null>(null);
  const [entity, setEntity] = useState<TargetEntity | null>(null);
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [status, lane, entity]);

  const load = useCallback(() => api.call('targeting.queue', { status, lane, entity, limit: PAGE, offset }), [status, lane, entity, offset]);
  const queue = useLoad(load, ['target_hit']);
  const q = queue.data;

  return (
    <div className="pc-queue" data-testid="queue-tab">
      <div className="pc-queue-toolbar">
        <div className="pc-row" role="group" aria-label={t('targeting.queue.lanes')}>
          {CHIP_LANES.map((l) => (
            <button
              key={l}
              type="button"
              className={`pc-lane-chip ${lane === l ? 'pc-active' : ''}`}
              aria-pressed={lane === l}
              onClick={() => setLane(lane === l ? null : l)}
              data-testid={`lane-chip-${l}`}
            >
              <LaneTag lane={l} count={q?.lanes[l] ?? 0} />
            </button>
          ))}
          {lane && (
            <Button
              size="small"
              variant="minimal"
              icon="cross"
              text={t('targeting.queue.allLanes')}
              onClick={() => setLane(null)}
              data-testid="lane-chip-all"
            />
          )}
        </div>
        <div data-testid="queue-status">
          <SegmentedControl
            size="small"
            value={status}
            onValueChange={(v) => setStatus(v as Status)}
            options={(['open', 'decided', 'all'] as const).map((s) => ({ value: s, label: t(`targeting.queue.status.${s}`) }))}
          />
        </div>
        <HTMLSelect
          value={entity ?? ''}
          aria-label={t('targeting.queue.entity')}
          onChange={(e) => setEntity((e.currentTarget.value || null) as TargetEntity | null)}
          options={[
            { value: '', label: t('targeting.queue.entities.all') },
            { value: 'shipment', label: t('targeting.queue.entities.shipment') },
            { value: 'passenger', label: t('targeting.queue.entities.passenger') },
          ]}
        />
        <span className="pc-grow" />
        <ScoreButtons />
      </div>
      <ErrorCallout error={queue.error} />
      <div className="pc-queue-body">
        <div className="pc-queue-list">
          {!q ? (
            <Spinner size={24} className="pc-mt" />
          ) : q.hits.length === 0 ? (
            <NonIdealState icon="tick-circle" title={t('targeting.queue.empty')} description={t('targeting.queue.emptyHelp')} />
          ) : (
            <HitList hits={q.hits} selected={hitId} onSelect={onSelect} />
          )}
          {q && q.total > 0 && (
            <div className={`pc-row pc-queue-pager ${Classes.TEXT_MUTED}`}>
              <span data-testid="queue-total">
                {t('targeting.queue.showing', { from: offset + 1, to: Math.min(offset + PAGE, q.total), total: f.number(q.total) })}
              </span>
              <span className="pc-grow" />
              <Button
                size="small"
                variant="minimal"
                icon="chevron-left"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
                aria-label={t('targeting.queue.previous')}
              />
              <Button
                size="small"
                variant="minimal"
                icon="chevron-right"
                disabled={offset + PAGE >= q.total}
                onClick={() => setOffset(offset + PAGE)}
                aria-label={t('targeting.queue.next')}
              />
            </div>
          )}
        </div>
        <div className="pc-queue-detail">
          {hitId ? (
            <HitDetail key={hitId} hitId={hitId} onOpen={onOpen} />
          ) : (
            <NonIdealState icon="select" title={t('targeting.queue.pick')} description={t('targeting.queue.pickHelp')} />
          )}
        </div>
      </div>
    </div>
  );
}
