// The case's timeline: its own events (created, notes, links, attachments, seizures, tasks) merged with its
// records' dates (shipments, container events, hits and decisions), in time order; each opens its record.
import { Classes, Icon, NonIdealState, Spinner, type IconName } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, TimelineEvent } from '../../../../shared/domain/cases.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import type { CaseTab } from './case-route.ts';
import { useCaseFormat } from './format.ts';
import { canOpen, openRef, parseRef } from './refs.ts';
import { useTimeline } from './useCases.ts';

export const TIMELINE_ICONS: Record<TimelineEvent['kind'], IconName> = {
  created: 'folder-new',
  note: 'annotation',
  link: 'link',
  shipment: 'document',
  container_event: 'cube',
  hit: 'locate',
  decision: 'take-action',
  seizure: 'confirm',
  attachment: 'paperclip',
  task: 'tick-circle',
};

/** The case's own entries open their tab. */
const TABS: Record<string, CaseTab> = { note: 'notes', attachment: 'attachments', seizure: 'seizures', task: 'tasks' };

export function TimelineTab({ c, onOpen, onTab }: { c: CaseDetail; onOpen(ref: RecordRef): void; onTab(tab: CaseTab): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const timeline = useTimeline(c.id);
  if (timeline.error) return <ErrorCallout error={timeline.error} />;
  if (!timeline.data) return <Spinner size={24} />;
  if (timeline.data.length === 0) return <NonIdealState icon="timeline-events" title={t('cases.timeline.none')} />;
  return (
    <ol className="pc-case-timeline" data-testid="case-timeline">
      {timeline.data.map((e, i) => {
        const ref = parseRef(e.ref);
        return (
          <li key={i} className={`pc-timeline-event pc-timeline-${e.kind}`} data-testid="timeline-event" data-kind={e.kind} data-ref={e.ref ?? ''}>
            <span className={`${Classes.TEXT_MUTED} pc-timeline-at`}>{f.moment(e.at)}</span>
            <Icon icon={TIMELINE_ICONS[e.kind] ?? 'dot'} />
            <span className="pc-timeline-kind">{t(`cases.timeline.kinds.${e.kind}`)}</span>
            <span className="pc-timeline-title">
              {ref && (canOpen(ref.kind) || TABS[ref.kind]) ? (
                <button
                  type="button"
                  className="pc-record-link"
                  onClick={() => (TABS[ref.kind] ? onTab(TABS[ref.kind]!) : openRef(ref, onOpen))}
                  data-testid="timeline-open"
                >
                  {e.title}
                </button>
              ) : (
                e.title
              )}
              {e.detail && <span className={`${Classes.TEXT_MUTED} pc-ml`}>{e.detail}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
