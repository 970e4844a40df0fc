// The hits of the queue as a list: lane, record, score, the rules that fired, and what was decided.
import { Classes, Icon, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { HitSummary } from '../../../../shared/domain/targeting.ts';
import { LaneSwatch } from './LaneTag.tsx';

const RULES_SHOWN = 3;

export function HitList({ hits, selected, onSelect }: { hits: HitSummary[]; selected: number | null; onSelect(id: number): void }) {
  const { t } = useTranslation();
  return (
    <ul className="pc-hit-list" data-testid="queue-list" aria-label={t('targeting.queue.list')}>
      {hits.map((h) => (
        <li key={h.id}>
          <button
            type="button"
            className={`pc-hit-row ${selected === h.id ? 'pc-active' : ''}`}
            aria-current={selected === h.id ? 'true' : undefined}
            onClick={() => onSelect(h.id)}
            data-testid="hit-row"
            data-hit-id={h.id}
            data-lane={h.lane}
          >
            <LaneSwatch lane={h.lane} />
            <span className="pc-hit-main">
              <span className="pc-hit-title">
                <Icon icon={h.entity === 'shipment' ? 'document' : 'person'} size={12} title={t(`targeting.queue.entities.${h.entity}`)} />
                <span className={h.entity === 'shipment' ? Classes.MONOSPACE_TEXT : undefined}>{h.label}</span>
                {h.random && (
                  <Tag minimal round className="pc-hit-random" title={t('targeting.hit.randomHelp')} data-testid="hit-random">
                    {t('targeting.hit.random')}
                  </Tag>
                )}
                {h.decision && (
                  <Tag minimal intent={h.decision === 'dismiss' ? 'none' : 'primary'}>
                    {t(`targeting.decided.${h.decision}`)}
                  </Tag>
                )}
                {h.outcome && (
                  <Tag minimal intent={h.outcome === 'positive' ? 'danger' : 'success'}>
                    {t(`targeting.outcome.${h.outcome}`)}
                  </Tag>
                )}
              </span>
              <span className={`pc-hit-rules ${Classes.TEXT_MUTED}`}>
                {h.rules.slice(0, RULES_SHOWN).join(' · ')}
                {h.rules.length > RULES_SHOWN && ` · ${t('targeting.hit.moreRules', { count: h.rules.length - RULES_SHOWN })}`}
              </span>
            </span>
            <span className="pc-hit-score pc-num" title={t('targeting.hit.score')}>
              {h.score}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
