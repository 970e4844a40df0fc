// One hit: the record it is about, its lane and score, why (the explanation), and the analyst's part:
// the decision, then the inspection's outcome with its seizure, and the seizures recorded so far.
import { Button, Classes, H4, H5, Spinner, Tag } from '@blueprintjs/core';
import { openInGraph } from '../graph/graph-route.ts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hit } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { DecisionPanel } from './DecisionPanel.tsx';
import { Explanation } from './Explanation.tsx';
import { useTargetingFormat } from './format.ts';
import { LaneTag } from './LaneTag.tsx';
import { OutcomePanel } from './OutcomePanel.tsx';
import { SeizureTable } from './SeizureTable.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { AddToCaseDialog } from '../cases/AddToCaseDialog.tsx';
import { openCase } from '../cases/case-route.ts';
import { NewCaseDialog } from '../cases/NewCaseDialog.tsx';

export function HitDetail({ hitId, onOpen }: { hitId: number; onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const load = useCallback(() => api.call('targeting.hit', { id: hitId }), [hitId]);
  const { data: hit, error, reload } = useLoad(load, ['target_hit', 'seizure']);
  if (error) return <ErrorCallout error={error} />;
  if (!hit) return <Spinner size={24} className="pc-mt" />;
  return (
    <article className="pc-hit-detail" data-testid="hit-detail" data-hit-id={hit.id} data-status={hit.status}>
      <HitHeader hit={hit} onOpen={onOpen} />
      <H5 className="pc-mt">{t('targeting.hit.why')}</H5>
      <Explanation explanation={hit.explanation} />
      <H5 className="pc-mt">{t('targeting.hit.review')}</H5>
      <DecisionPanel hit={hit} onChanged={reload} />
      {(hit.decision === 'inspect' || hit.decision === 'documents') && <OutcomePanel hit={hit} onChanged={reload} />}
      {hit.seizures.length > 0 && (
        <>
          <H5 className="pc-mt">{t('targeting.seizure.recorded')}</H5>
          <SeizureTable seizures={hit.seizures} />
        </>
      )}
    </article>
  );
}

function HitHeader({ hit, onOpen }: { hit: Hit; onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const [toCase, setToCase] = useState<'new' | 'add' | null>(null);
  return (
    <header className="pc-hit-header">
      <div className="pc-row">
        <LaneTag lane={hit.lane} />
        <H4 className={`pc-hit-label ${hit.entity === 'shipment' ? Classes.MONOSPACE_TEXT : ''}`} data-testid="hit-label">
          {hit.label}
        </H4>
        <Tag minimal large className="pc-num" title={t('targeting.hit.scoreHelp')}>
          {t('targeting.hit.scoreValue', { score: hit.score })}
        </Tag>
        {hit.random && (
          <Tag minimal intent="primary" icon="random" title={t('targeting.hit.randomHelp')}>
            {t('targeting.hit.random')}
          </Tag>
        )}
        <span className="pc-grow" />
        <Button
          icon="document-open"
          text={t('targeting.hit.openRecord')}
          onClick={() => onOpen({ kind: hit.entity, id: hit.entityId })}
          data-testid="open-record"
        />
        <Button icon="graph" text={t('targeting.hit.openGraph')} onClick={() => openInGraph([`${hit.entity}:${hit.entityId}`])} data-testid="open-graph" />
        <Button icon="folder-new" text={t('cases.fromHit.create')} onClick={() => setToCase('new')} data-testid="hit-create-case" />
        <Button icon="folder-shared-open" text={t('cases.fromHit.add')} onClick={() => setToCase('add')} data-testid="hit-add-to-case" />
      </div>
      {toCase === 'new' && <NewCaseDialog fromHit={hit} initialTitle={hit.label} onClose={() => setToCase(null)} onCreated={(c) => openCase(c.id, 'links')} />}
      {toCase === 'add' && (
        <AddToCaseDialog
          items={[
            { kind: 'hit', refId: hit.id },
            { kind: hit.entity, refId: hit.entityId },
          ]}
          what={hit.label}
          onClose={() => setToCase(null)}
        />
      )}
      <div className={`pc-row ${Classes.TEXT_MUTED}`}>
        <span>{t(`targeting.queue.entities.${hit.entity}`)}</span>
        <span>{t('targeting.hit.laneMeans', { meaning: t(`targeting.laneMeaning.${hit.lane}`) })}</span>
        <span>{t('targeting.hit.scoredAt', { at: f.moment(hit.scoredAt) })}</span>
      </div>
    </header>
  );
}
