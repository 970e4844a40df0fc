// The debriefs, as printed (and saved as PDF): one trainee's — hits, false alarms and misses, and for each
// record missed the indicators that would have found it — and the class's — the leaderboard, how often
// each hidden record was found, detection by scheme. Both end with how the scores are made.
import { NonIdealState, Spinner } from '@blueprintjs/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerPreview, ClassResults, SubmissionResult } from '../../../../shared/domain/training.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { stamp } from '../cases/CaseReport.tsx';
import { ReportSheet } from '../cases/ReportSheet.tsx';
import { useTrainingFormat } from './format.ts';
import { Leaderboard } from './Leaderboard.tsx';
import { MissedTargets, ScoreFigures } from './TraineeResult.tsx';
import { trainingHash, type DebriefRoute } from './training-route.ts';
import './training.css';

type Loaded = { results: ClassResults; answers: AnswerPreview | null };

/** The same reading of a document number as the scoring's: case, spaces and punctuation do not matter. */
const keyOf = (entity: string, ref: string) => `${entity}:${ref.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

function useDebrief(exerciseId: number, withAnswers: boolean): { data: Loaded | null; error: unknown } {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const results = await api.call('training.results', { id: exerciseId });
      const answers = withAnswers ? await api.call('training.answerKey', { id: exerciseId }) : null;
      await document.fonts.ready;
      if (live) setData({ results, answers });
    })().catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [exerciseId, withAnswers]);
  return { data, error };
}

export function DebriefPrintPage({ route, exportDir }: { route: DebriefRoute; exportDir: string }) {
  const { t } = useTranslation();
  const { data, error } = useDebrief(route.exerciseId, route.submissionId === null);
  if (error) return <ErrorCallout error={error} />;
  if (!data) return <NonIdealState icon={<Spinner />} title={t('cases.print.loading')} />;
  if (route.submissionId === null) return <ClassDebrief data={data} exportDir={exportDir} />;
  const s = data.results.submissions.find((x) => x.id === route.submissionId);
  if (!s) return <NonIdealState icon="confirm" title={t('training.debrief.missing')} />;
  return <TraineeDebrief results={data.results} s={s} exportDir={exportDir} />;
}

function Sheet({
  results,
  kind,
  fileName,
  exportDir,
  children,
}: {
  results: ClassResults;
  kind: string;
  fileName: string;
  exportDir: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const x = results.exercise;
  return (
    <ReportSheet
      ready
      back={trainingHash({ view: 'exercise', id: x.id })}
      backText={t('training.debrief.back')}
      help={t('training.debrief.printHelp')}
      exportDir={exportDir}
      fileName={fileName}
      subject={`${x.title} — ${kind}`}
      caseId={null}
      header={
        <span className="pc-print-header-ref">
          {x.title} · {kind}
        </span>
      }
      footer={
        <>
          <span className="pc-print-footer-text">{t('training.debrief.footer')}</span>
          <span className="pc-print-footer-printed">{t('cases.print.printed', { at: f.moment(new Date().toISOString()) })}</span>
        </>
      }
    >
      {children}
    </ReportSheet>
  );
}

function Rules({ rules }: { rules: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <section>
      <h2>{t('training.rules.title')}</h2>
      <ol className="pc-training-rules" data-testid="debrief-rules">
        {rules.map((r, i) => (
          <li key={i} lang="en">
            {r}
          </li>
        ))}
      </ol>
    </section>
  );
}

function TraineeDebrief({ results, s, exportDir }: { results: ClassResults; s: SubmissionResult; exportDir: string }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const x = results.exercise;
  const kind = t('training.debrief.traineeKind');
  const counted = s.score.selections.filter((x) => !x.late);
  const hits = counted.filter((x) => x.correct);
  const falseAlarms = counted.filter((x) => !x.correct);
  const late = s.score.selections.filter((x) => x.late);
  const safeName = s.trainee.replace(/[^\p{L}\p{N}]+/gu, '-');
  return (
    <Sheet results={results} kind={kind} fileName={`debrief-${safeName}-${stamp()}.pdf`} exportDir={exportDir}>
      <article className="pc-print-doc" data-testid="debrief-trainee-report" data-trainee={s.trainee}>
        <section>
          <div className="pc-print-cover-kind">{kind}</div>
          <h1>{s.trainee}</h1>
          <table className="pc-print-kv">
            <tbody>
              <tr>
                <th>{t('training.debrief.exercise')}</th>
                <td>{x.title}</td>
              </tr>
              <tr>
                <th>{t('training.briefing.started')}</th>
                <td>{f.moment(s.startedAt)}</td>
              </tr>
              <tr>
                <th>{t('training.debrief.submitted')}</th>
                <td>
                  {f.moment(s.submittedAt)} {s.score.late ? `(${t('training.board.submittedLate')})` : ''}
                </td>
              </tr>
              <tr>
                <th>{t('training.exercises.timeLimit')}</th>
                <td>{t('training.minutes', { minutes: x.timeLimitMinutes })}</td>
              </tr>
              <tr>
                <th>{t('training.board.rank')}</th>
                <td data-testid="debrief-rank">{t('training.debrief.rankOf', { rank: s.rank, count: results.submissions.length })}</td>
              </tr>
            </tbody>
          </table>
        </section>
        <section>
          <h2>{t('training.debrief.score')}</h2>
          <ScoreFigures score={s.score} total={s.total} print />
        </section>
        <section data-testid="debrief-hits">
          <h2>{t('training.debrief.hits', { count: hits.length })}</h2>
          {hits.length === 0 ? (
            <p className="pc-print-muted">{t('training.debrief.noHits')}</p>
          ) : (
            <table className="pc-print-table">
              <thead>
                <tr>
                  <th>{t('training.result.record')}</th>
                  <th>{t('training.result.scheme')}</th>
                  <th>{t('training.result.indicatorCredit')}</th>
                </tr>
              </thead>
              <tbody>
                {hits.map((h) => (
                  <tr key={h.ref} data-ref={h.ref}>
                    <td>{h.ref}</td>
                    <td>{f.scheme(h.scheme)}</td>
                    <td>{f.percent(h.indicatorCredit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section data-testid="debrief-false-alarms">
          <h2>{t('training.debrief.falseAlarms', { count: falseAlarms.length })}</h2>
          {falseAlarms.length === 0 ? (
            <p className="pc-print-muted">{t('training.debrief.noFalseAlarms')}</p>
          ) : (
            <>
              <p>{t('training.debrief.falseAlarmsHelp')}</p>
              <ul>
                {falseAlarms.map((a) => (
                  <li key={a.ref} data-ref={a.ref}>
                    {t(`training.entity.${a.entity}`, { defaultValue: a.entity })} {a.ref}
                  </li>
                ))}
              </ul>
            </>
          )}
          {late.length > 0 && (
            <p>
              {t('training.debrief.late', { count: late.length })} {late.map((l) => l.ref).join(', ')}
            </p>
          )}
        </section>
        <section data-testid="debrief-missed">
          <h2>{t('training.debrief.missed', { count: s.score.missed.length })}</h2>
          {s.score.missed.length > 0 && <p>{t('training.debrief.missedHelp')}</p>}
          <MissedTargets score={s.score} print />
        </section>
        <Rules rules={results.rules} />
      </article>
    </Sheet>
  );
}

function ClassDebrief({ data, exportDir }: { data: Loaded; exportDir: string }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const { results, answers } = data;
  const x = results.exercise;
  const subs = results.submissions;
  const kind = t('training.debrief.classKind');
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const foundBy = new Map<string, number>();
  for (const s of subs)
    for (const sel of s.score.selections)
      if (sel.correct && !sel.late) foundBy.set(keyOf(sel.entity, sel.ref), (foundBy.get(keyOf(sel.entity, sel.ref)) ?? 0) + 1);
  const targets = answers?.targets ?? [];
  const foundOnce = targets.filter((tg) => (foundBy.get(keyOf(tg.entity, tg.ref)) ?? 0) > 0).length;
  const schemes = answers?.schemes ?? [];
  const schemeRate = (name: string) => {
    const own = targets.filter((tg) => tg.scheme === name);
    const found = own.reduce((sum, tg) => sum + (foundBy.get(keyOf(tg.entity, tg.ref)) ?? 0), 0);
    return own.length * subs.length === 0 ? 0 : found / (own.length * subs.length);
  };
  const summary: [string, string][] = [
    [t('training.debrief.trainees'), String(subs.length)],
    [t('training.debrief.meanTotal'), f.total(mean(subs.map((s) => s.total)))],
    [t('training.debrief.bestTotal'), subs.length ? f.total(Math.max(...subs.map((s) => s.total))) : '—'],
    [t('training.debrief.meanPrecision'), f.percent(mean(subs.map((s) => s.score.precision)))],
    [t('training.debrief.meanRecall'), f.percent(mean(subs.map((s) => s.score.recall)))],
    [t('training.debrief.meanF1'), f.f1(mean(subs.map((s) => s.score.f1)))],
    [t('training.debrief.falseAlarmsTotal'), String(subs.reduce((n, s) => n + s.score.falseAlarms, 0))],
    [t('training.debrief.foundOnce'), t('training.debrief.ofTargets', { found: foundOnce, count: targets.length })],
    [t('training.debrief.lateCount'), String(subs.filter((s) => s.score.late).length)],
  ];
  return (
    <Sheet results={results} kind={kind} fileName={`debrief-class-${x.exerciseId.slice(0, 8)}-${stamp()}.pdf`} exportDir={exportDir}>
      <article className="pc-print-doc" data-testid="debrief-class-report">
        <section>
          <div className="pc-print-cover-kind">{kind}</div>
          <h1>{x.title}</h1>
          <table className="pc-print-kv">
            <tbody>
              <tr>
                <th>{t('training.exercises.template')}</th>
                <td>{t(`training.templates.${x.template}`)}</td>
              </tr>
              <tr>
                <th>{t('training.exercises.difficulty')}</th>
                <td>{t(`training.difficulties.${x.difficulty}`)}</td>
              </tr>
              <tr>
                <th>{t('training.exercises.size')}</th>
                <td>{x.size}</td>
              </tr>
              <tr>
                <th>{t('training.exercises.targets')}</th>
                <td>{x.targets}</td>
              </tr>
              <tr>
                <th>{t('training.exercises.timeLimit')}</th>
                <td>{t('training.minutes', { minutes: x.timeLimitMinutes })}</td>
              </tr>
              <tr>
                <th>{t('training.exercises.created')}</th>
                <td>{f.moment(x.createdAt)}</td>
              </tr>
            </tbody>
          </table>
        </section>
        <section data-testid="debrief-summary">
          <h2>{t('training.debrief.summary')}</h2>
          <table className="pc-print-kv">
            <tbody>
              {summary.map(([label, value]) => (
                <tr key={label}>
                  <th>{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2>{t('training.debrief.leaderboard')}</h2>
          <Leaderboard submissions={subs} print />
        </section>
        {schemes.length > 0 && (
          <section data-testid="debrief-schemes">
            <h2>{t('training.debrief.bySchemes')}</h2>
            <table className="pc-print-table">
              <thead>
                <tr>
                  <th>{t('training.answers.scheme')}</th>
                  <th>{t('training.answers.count')}</th>
                  <th>{t('training.debrief.detection')}</th>
                  <th>{t('training.answers.indicators')}</th>
                </tr>
              </thead>
              <tbody>
                {schemes.map((s) => (
                  <tr key={s.name}>
                    <td>{f.scheme(s.name)}</td>
                    <td>{s.count}</td>
                    <td>{f.percent(schemeRate(s.name))}</td>
                    <td>{s.indicators.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {targets.length > 0 && (
          <section data-testid="debrief-targets">
            <h2>{t('training.debrief.targets')}</h2>
            <table className="pc-print-table">
              <thead>
                <tr>
                  <th>{t('training.result.record')}</th>
                  <th>{t('training.answers.scheme')}</th>
                  <th>{t('training.debrief.foundBy')}</th>
                </tr>
              </thead>
              <tbody>
                {targets.map((tg) => (
                  <tr key={keyOf(tg.entity, tg.ref)} data-ref={tg.ref}>
                    <td>{tg.ref}</td>
                    <td>{f.scheme(tg.scheme)}</td>
                    <td>{t('training.debrief.foundByCount', { found: foundBy.get(keyOf(tg.entity, tg.ref)) ?? 0, count: subs.length })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        <Rules rules={results.rules} />
      </article>
    </Sheet>
  );
}
