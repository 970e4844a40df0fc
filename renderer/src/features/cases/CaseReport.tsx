// The case report, as printed (and saved as PDF): a cover, the summary, the linked records, the timeline,
// the saved charts (drawn), the notebook, the seizures, the tasks and the attachments with their hashes.
// Every page carries the handling code and grading system (PrintFrame); every graded item its grade.
import { NonIdealState, Spinner } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseSeizure, TimelineEvent } from '../../../../shared/domain/cases.ts';
import type { Chart } from '../../../../shared/domain/graph.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { ChartDrawing } from './ChartDrawing.tsx';
import { useCaseFormat } from './format.ts';
import { gradeText, TlpBadge } from './Handling.tsx';
import { backToCase, PrintFrame } from './PrintFrame.tsx';
import { RichText } from './RichText.tsx';
import { useLabels } from './useLabels.ts';

/** Now as YYYYMMDD-HHMM, for file names. */
export const stamp = () => new Date().toISOString().slice(0, 16).replace(/-|:/g, '').replace('T', '-');

type Loaded = { c: CaseDetail; timeline: TimelineEvent[]; charts: (Chart | { id: number; missing: true })[] };

export function useReportData(caseId: number): { data: Loaded | null; error: unknown } {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const c = await api.call('cases.get', { id: caseId });
      const timeline = await api.call('cases.timeline', { caseId });
      const charts = await Promise.all(
        c.links.filter((l) => l.kind === 'chart').map((l) => api.call('graph.chart', { id: l.refId }).catch(() => ({ id: l.refId, missing: true as const }))),
      );
      await document.fonts.ready;
      if (live) setData({ c, timeline, charts });
    })().catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [caseId]);
  return { data, error };
}

export function CaseReport({ caseId, exportDir }: { caseId: number; exportDir: string }) {
  const { t } = useTranslation();
  const { data, error } = useReportData(caseId);
  if (error) return <ErrorCallout error={error} />;
  if (!data) return <NonIdealState icon={<Spinner />} title={t('cases.print.loading')} />;
  return (
    <PrintFrame
      c={data.c}
      kind={t('cases.print.caseReport')}
      ready
      back={backToCase(data.c)}
      exportDir={exportDir}
      fileName={`${data.c.reference}-${stamp()}.pdf`}
    >
      <CaseReportBody {...data} />
    </PrintFrame>
  );
}

function CaseReportBody({ c, timeline, charts }: Loaded) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const grade = (g: Parameters<typeof gradeText>[0]) => (g ? <span className="pc-print-grade">{gradeText(g)}</span> : null);
  const sorted = [...c.notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  return (
    <article className="pc-print-doc" data-testid="case-report">
      <section className="pc-print-cover" data-testid="print-cover">
        <div className="pc-print-cover-kind">{t('cases.print.caseReport')}</div>
        <TlpBadge tlp={c.tlp} large />
        <h1>{c.title}</h1>
        <table className="pc-print-kv">
          <tbody>
            <tr>
              <th>{t('cases.fields.reference')}</th>
              <td>{c.reference}</td>
            </tr>
            <tr>
              <th>{t('cases.fields.status')}</th>
              <td>{t(`cases.status.${c.status}`)}</td>
            </tr>
            <tr>
              <th>{t('cases.fields.owner')}</th>
              <td>{c.owner}</td>
            </tr>
            <tr>
              <th>{t('cases.fields.created')}</th>
              <td>
                {f.moment(c.createdAt)} · {c.createdBy}
              </td>
            </tr>
            <tr>
              <th>{t('cases.fields.updated')}</th>
              <td>{f.moment(c.updatedAt)}</td>
            </tr>
            <tr>
              <th>{t('cases.fields.tlp')}</th>
              <td>{t(`cases.tlpMeaning.${c.tlp.replace('+', '_')}`)}</td>
            </tr>
            <tr>
              <th>{t('cases.fields.grading')}</th>
              <td>{t(`cases.gradingSystem.${c.grading}`)}</td>
            </tr>
            {c.tags.length > 0 && (
              <tr>
                <th>{t('cases.fields.tags')}</th>
                <td>{c.tags.join(', ')}</td>
              </tr>
            )}
          </tbody>
        </table>
        <p className="pc-print-contents">
          {t('cases.print.contents', { links: c.links.length, notes: c.notes.length, seizures: c.seizures.length, attachments: c.attachments.length })}
        </p>
      </section>

      <section>
        <h2>{t('cases.print.summary')}</h2>
        <p className="pc-print-summary">{c.summary || t('cases.print.noSummary')}</p>
      </section>

      <section data-testid="print-links">
        <h2>{t('cases.tabs.links')}</h2>
        {c.links.length === 0 ? (
          <p>{t('cases.links.none')}</p>
        ) : (
          <table className="pc-print-table">
            <thead>
              <tr>
                <th>{t('cases.links.kind')}</th>
                <th>{t('cases.links.record')}</th>
                <th>{t('cases.links.note')}</th>
                <th>{t('cases.grade.short')}</th>
                <th>{t('cases.links.added')}</th>
              </tr>
            </thead>
            <tbody>
              {c.links.map((l) => (
                <tr key={l.id}>
                  <td>{t(`cases.kinds.${l.kind}`)}</td>
                  <td>{l.label}</td>
                  <td>{l.note}</td>
                  <td>{grade(l.grade)}</td>
                  <td>
                    {f.moment(l.addedAt)} · {l.addedBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section data-testid="print-timeline">
        <h2>{t('cases.tabs.timeline')}</h2>
        <table className="pc-print-table pc-print-timeline">
          <tbody>
            {timeline.map((e, i) => (
              <tr key={i}>
                <td className="pc-nowrap">{f.moment(e.at)}</td>
                <td>{t(`cases.timeline.kinds.${e.kind}`)}</td>
                <td>
                  {e.title}
                  {e.detail && <span className="pc-print-muted"> — {e.detail}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {charts.length > 0 && (
        <section data-testid="print-charts">
          <h2>{t('cases.print.charts')}</h2>
          {charts.map((ch) =>
            'missing' in ch ? (
              <p key={ch.id}>{t('cases.print.chartMissing', { id: ch.id })}</p>
            ) : (
              <figure key={ch.id} className="pc-print-figure">
                <ChartDrawing content={ch.content} title={ch.name} />
                <figcaption>
                  <b>{ch.name}</b> — {t('cases.print.chartSize', { nodes: ch.nodes, edges: ch.edges })}
                  {ch.description && <div>{ch.description}</div>}
                </figcaption>
              </figure>
            ),
          )}
        </section>
      )}

      <section data-testid="print-notes">
        <h2>{t('cases.tabs.notes')}</h2>
        {sorted.length === 0 && <p>{t('cases.notes.none')}</p>}
        {sorted.map((n) => (
          <div key={n.id} className="pc-print-note">
            <div className="pc-print-note-head">
              {t('cases.notes.by', { by: n.createdBy, at: f.moment(n.createdAt) })}
              {n.version > 1 && ` · ${t('cases.notes.edited', { version: n.version, by: n.updatedBy, at: f.moment(n.updatedAt) })}`}
              {n.grade && (
                <>
                  {' · '}
                  {grade(n.grade)}
                </>
              )}
            </div>
            <RichText body={n.body} />
          </div>
        ))}
      </section>

      <section data-testid="print-seizures">
        <h2>{t('cases.tabs.seizures')}</h2>
        {c.seizures.length === 0 && <p>{t('cases.seizures.none')}</p>}
        {c.seizures.map((s) => (
          <SeizureFacts key={s.id} c={c} s={s} />
        ))}
      </section>

      {c.tasks.length > 0 && (
        <section>
          <h2>{t('cases.tabs.tasks')}</h2>
          <table className="pc-print-table">
            <tbody>
              {c.tasks.map((x) => (
                <tr key={x.id}>
                  <td>{x.done ? '☑' : '☐'}</td>
                  <td>{x.title}</td>
                  <td>{x.assignee}</td>
                  <td>{x.due ? f.day(x.due) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section data-testid="print-attachments">
        <h2>{t('cases.tabs.attachments')}</h2>
        {c.attachments.length === 0 ? <p>{t('cases.attachments.none')}</p> : <AttachmentTable c={c} ids={null} />}
      </section>
    </article>
  );
}

export function AttachmentTable({ c, ids }: { c: CaseDetail; ids: number[] | null }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const rows = ids ? c.attachments.filter((a) => ids.includes(a.id)) : c.attachments;
  return (
    <table className="pc-print-table">
      <thead>
        <tr>
          <th>{t('cases.attachments.name')}</th>
          <th>{t('cases.attachments.size')}</th>
          <th>{t('cases.attachments.sha256')}</th>
          <th>{t('cases.grade.short')}</th>
          <th>{t('cases.attachments.added')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.id}>
            <td>
              {a.name}
              {a.description && <div className="pc-print-muted">{a.description}</div>}
            </td>
            <td className="pc-nowrap">{f.size(a.size)}</td>
            <td className="pc-print-hash">{a.sha256}</td>
            <td>{a.grade ? <span className="pc-print-grade">{gradeText(a.grade)}</span> : null}</td>
            <td>
              {f.moment(a.addedAt)} · {a.addedBy}
              <div className="pc-print-muted">{t('cases.custody.entries', { count: a.custody.length })}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A seizure's CEN fields as a printed table (case report and seizure report). */
export function SeizureFacts({ c, s }: { c: CaseDetail; s: CaseSeizure }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const involved = s.involved ?? [];
  const labels = useLabels([...involved.map((p) => `${p.kind}:${p.id}`), ...(s.entity && s.entityId ? [`${s.entity}:${s.entityId}`] : [])]);
  const name = (kind: string, id: number) =>
    labels[`${kind}:${id}`] ?? c.links.find((l) => l.kind === kind && l.refId === id)?.label ?? `${t(`cases.kinds.${kind}`)} #${id}`;
  const rows: [string, string][] = [
    [t('targeting.seizure.category'), t(`targeting.seizure.categories.${s.category}`)],
    [t('cases.seizures.commodity'), s.commodity],
    [t('targeting.seizure.quantity'), `${f.number(s.quantity)} ${t(`targeting.seizure.units.${s.unit}`)}`],
    [t('targeting.seizure.concealment'), t(`targeting.seizure.concealments.${s.concealment}`)],
    [t('targeting.seizure.detection'), t(`targeting.seizure.detections.${s.detection}`)],
    [t('targeting.seizure.place'), s.place || '—'],
    [t('targeting.seizure.date'), f.day(s.date)],
    [t('cases.seizures.route'), s.route?.length ? s.route.join(' → ') : '—'],
    [t('cases.seizures.foundIn'), s.entity && s.entityId ? `${t(`cases.kinds.${s.entity}`)} ${name(s.entity, s.entityId)}` : '—'],
    [t('cases.seizures.involved'), involved.length ? involved.map((p) => `${name(p.kind, p.id)}${p.role ? ` (${p.role})` : ''}`).join('; ') : '—'],
    [t('targeting.seizure.notes'), s.notes || '—'],
    [t('cases.seizures.recorded'), `${f.moment(s.createdAt)} · ${s.createdBy}`],
  ];
  return (
    <table className="pc-print-kv pc-print-seizure" data-testid="print-seizure">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
