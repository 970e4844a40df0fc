// One case: its header (reference, title, handling code, status, grading system, owner, the report) stays
// on screen over every tab: summary, linked records, notebook, attachments, seizures, tasks, timeline.
import { openInGraph } from '../graph/graph-route.ts';
import { Button, Classes, H3, NonIdealState, Spinner, Tab, Tabs, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/domain/cases.ts';
import { ApiError } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { AttachmentsTab } from './AttachmentsTab.tsx';
import { CASE_TABS, printCaseHash, type CaseTab } from './case-route.ts';
import { StatusTag } from './CaseList.tsx';
import { useCaseFormat } from './format.ts';
import { TlpBadge } from './Handling.tsx';
import { LinksTab } from './LinksTab.tsx';
import { NotesTab } from './NotesTab.tsx';
import { SeizuresTab } from './SeizuresTab.tsx';
import { SummaryTab } from './SummaryTab.tsx';
import { TasksTab } from './TasksTab.tsx';
import { TimelineTab } from './TimelineTab.tsx';
import { useCase } from './useCases.ts';

type Props = { caseId: number; tab: CaseTab; onTab(tab: CaseTab): void; onBack(): void; onOpen(ref: RecordRef): void };

const count = (c: CaseDetail, tab: CaseTab): number | null =>
  tab === 'links'
    ? c.links.length
    : tab === 'notes'
      ? c.notes.length
      : tab === 'attachments'
        ? c.attachments.length
        : tab === 'seizures'
          ? c.seizures.length
          : tab === 'tasks'
            ? c.tasks.filter((x) => !x.done).length
            : null;

export function CaseView({ caseId, tab, onTab, onBack, onOpen }: Props) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const { data: c, error, reload } = useCase(caseId);
  if (error && !c) {
    return (
      <div className="pc-page">
        <Button icon="arrow-left" variant="minimal" text={t('cases.backToList')} onClick={onBack} />
        {error instanceof ApiError && error.code === 'CASE_NOT_FOUND' ? (
          <NonIdealState icon="folder-close" title={t('cases.notFound')} />
        ) : (
          <ErrorCallout error={error} />
        )}
      </div>
    );
  }
  if (!c || c.id !== caseId) return <Spinner size={32} className="pc-mt" />;
  return (
    <div
      className={`pc-page pc-page-full pc-case-view pc-case-tlp-${c.tlp.replace('+', '-').toLowerCase()}`}
      data-section="cases"
      data-testid="case-view"
      data-case-id={c.id}
    >
      <header className="pc-case-header">
        <div className="pc-row">
          <Button
            icon="arrow-left"
            variant="minimal"
            aria-label={t('cases.backToList')}
            title={t('cases.backToList')}
            onClick={onBack}
            data-testid="case-back"
          />
          <TlpBadge tlp={c.tlp} large />
          <span className="pc-mono pc-case-ref" data-testid="case-reference">
            {c.reference}
          </span>
          <H3 className="pc-case-title" data-testid="case-heading">
            {c.title}
          </H3>
          <StatusTag status={c.status} />
          <span className="pc-grow" />
          <Button icon="graph" text={t('cases.inGraph')} onClick={() => openInGraph([`case:${c.id}`])} data-testid="case-graph" />
          <Button
            icon="print"
            text={t('cases.report.button')}
            title={t('cases.report.help')}
            onClick={() => (location.hash = printCaseHash(c.id))}
            data-testid="case-report"
          />
        </div>
        <div className={`pc-row ${Classes.TEXT_MUTED} pc-case-meta`}>
          <span>{t('cases.meta.owner', { owner: c.owner })}</span>
          <span>{t('cases.meta.grading', { system: t(`cases.gradingSystem.${c.grading}`) })}</span>
          <span>{t('cases.meta.created', { at: f.moment(c.createdAt), by: c.createdBy })}</span>
          <span>{t('cases.meta.updated', { at: f.moment(c.updatedAt) })}</span>
          {c.tags.map((x) => (
            <Tag key={x} minimal>
              {x}
            </Tag>
          ))}
        </div>
        <Tabs id="case-tabs" selectedTabId={tab} onChange={(x) => onTab(x as CaseTab)}>
          {CASE_TABS.map((x) => {
            const n = count(c, x);
            return (
              <Tab
                key={x}
                id={x}
                title={t(`cases.tabs.${x}`)}
                tagContent={n ? n : undefined}
                tagProps={{ minimal: true, round: true }}
                data-testid={`case-tab-${x}`}
              />
            );
          })}
        </Tabs>
      </header>
      <div className="pc-case-body" data-testid={`case-body-${tab}`}>
        <ErrorCallout error={error} />
        {tab === 'summary' && <SummaryTab c={c} onSaved={reload} />}
        {tab === 'links' && <LinksTab c={c} onChanged={reload} onOpen={onOpen} />}
        {tab === 'notes' && <NotesTab c={c} onChanged={reload} onOpen={onOpen} />}
        {tab === 'attachments' && <AttachmentsTab c={c} onChanged={reload} />}
        {tab === 'seizures' && <SeizuresTab c={c} onChanged={reload} onOpen={onOpen} />}
        {tab === 'tasks' && <TasksTab c={c} onChanged={reload} />}
        {tab === 'timeline' && <TimelineTab c={c} onOpen={onOpen} onTab={onTab} />}
      </div>
    </div>
  );
}
