// The Targeting block of a shipment's or passenger's record view: its hit, if it has one (lane, score,
// rules, what was decided), the explanation on demand, and a way to the hit in the review queue.
import { Button, Classes, Collapse, Tag } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetEntity } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { Section } from '../records/record-parts.tsx';
import { Explanation } from './Explanation.tsx';
import { LaneTag } from './LaneTag.tsx';
import { openHitInQueue } from './targeting-route.ts';
import { useLoad } from '../../components/useLoad.ts';

export function TargetingBlock({ entity, id }: { entity: TargetEntity; id: number }) {
  const { t } = useTranslation();
  const load = useCallback(() => api.call('targeting.hitOf', { entity, entityId: id }), [entity, id]);
  const { data: hit, error } = useLoad(load, ['target_hit', 'seizure']);
  const [open, setOpen] = useState(false);
  return (
    <Section title={t('targeting.block.title')} testId="record-targeting">
      <ErrorCallout error={error} />
      {hit === null && <p className={Classes.TEXT_MUTED}>{t('targeting.block.noHit')}</p>}
      {hit && (
        <>
          <div className="pc-row" data-testid="record-hit" data-lane={hit.lane} data-status={hit.status}>
            <LaneTag lane={hit.lane} />
            <Tag minimal className="pc-num">
              {t('targeting.hit.scoreValue', { score: hit.score })}
            </Tag>
            {hit.random && (
              <Tag minimal icon="random">
                {t('targeting.hit.random')}
              </Tag>
            )}
            <span>
              {hit.status === 'open'
                ? t('targeting.block.open')
                : t('targeting.block.decided', { decision: t(`targeting.decided.${hit.decision}`), by: hit.decidedBy ?? '—' })}
            </span>
            {hit.outcome && (
              <Tag minimal intent={hit.outcome === 'positive' ? 'danger' : 'success'}>
                {t(`targeting.outcome.${hit.outcome}`)}
              </Tag>
            )}
          </div>
          {hit.rules.length > 0 && <p className="pc-block-rules">{hit.rules.join(' · ')}</p>}
          <div className="pc-row pc-no-print">
            <Button size="small" icon="locate" text={t('targeting.block.openInQueue')} onClick={() => openHitInQueue(hit.id)} data-testid="record-hit-open" />
            <Button
              size="small"
              variant="minimal"
              icon={open ? 'chevron-up' : 'chevron-down'}
              text={open ? t('targeting.block.hideWhy') : t('targeting.block.showWhy')}
              onClick={() => setOpen(!open)}
              data-testid="record-hit-why"
            />
          </div>
          <Collapse isOpen={open}>
            <div className="pc-mt">
              <Explanation explanation={hit.explanation} />
            </div>
          </Collapse>
        </>
      )}
    </Section>
  );
}
