// Entity resolution's review: candidate duplicate parties, best first, each with why it was scored so
// (name similarity, shared address, phone or e-mail, country); the analyst accepts (the parties are then
// seen as one everywhere), rejects, or takes a decision back. Nothing is merged without a person.
import { Button, ButtonGroup, Callout, HTMLSelect, HTMLTable, NonIdealState, ProgressBar, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATCH_STATUSES, type PartyMatch } from '../../../../shared/domain/graph.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { jobFraction, useJobs } from '../jobs/useJobs.ts';
import type { RecordRef } from '../records/record-ref.ts';
import { openInGraph } from './graph-route.ts';

const PAGE = 50;

export function DuplicatesTab({ onOpen }: { onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<PartyMatch['status']>('open');
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const jobs = useJobs();
  const job = jobId ? jobs.find((j) => j.id === jobId) : undefined;
  const running = job?.state === 'running';
  const matches = useLoad(() => api.call('graph.matches', { status, offset, limit: PAGE }), ['party_match', 'party_merge']);

  async function decide(m: PartyMatch, next: PartyMatch['status']) {
    setError(null);
    try {
      await api.call('graph.decideMatch', { id: m.id, status: next });
      matches.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function search() {
    setError(null);
    try {
      setJobId((await api.call('graph.findDuplicates', {})).jobId);
    } catch (err) {
      setError(err);
    }
  }

  const party = (p: PartyMatch['a']) => (
    <div>
      <a
        href="#"
        onClick={(e) => {
          e.preventDefault();
          onOpen({ kind: 'party', id: p.id });
        }}
      >
        {p.name}
      </a>
      <div className="pc-muted">{[p.address, p.country, t('graph.duplicates.shipments', { count: p.shipments })].filter(Boolean).join(' · ')}</div>
    </div>
  );
  const agree = (label: string, v: boolean | null) =>
    v === null ? null : (
      <Tag key={label} minimal intent={v ? 'success' : 'none'} icon={v ? 'tick' : 'minus'}>
        {label}
      </Tag>
    );

  const data = matches.data;
  return (
    <div className="pc-graph-duplicates" data-testid="graph-duplicates">
      <p className="pc-lead">{t('graph.duplicates.lead')}</p>
      <div className="pc-graph-row">
        <Button
          icon="search-template"
          intent="primary"
          text={t('graph.duplicates.find')}
          disabled={!!running}
          onClick={() => void search()}
          data-testid="graph-find-duplicates"
        />
        <HTMLSelect
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as PartyMatch['status']);
            setOffset(0);
          }}
          aria-label={t('graph.duplicates.status')}
        >
          {MATCH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`graph.duplicates.statuses.${s}`)}
            </option>
          ))}
        </HTMLSelect>
        {data && <span className="pc-muted">{t('graph.duplicates.total', { count: data.total })}</span>}
      </div>
      {running && (
        <div className="pc-graph-progress">
          <span>{job?.phase || t('graph.duplicates.searching')}</span>
          <ProgressBar value={job ? jobFraction(job) : undefined} />
          <Button small text={t('graph.analysis.cancel')} onClick={() => void api.call('jobs.cancel', { id: jobId! })} />
        </div>
      )}
      {job?.state === 'done' && (
        <Callout intent="success" data-testid="graph-duplicates-done">
          {t('graph.duplicates.done', job.result as { parties: number; compared: number; candidates: number })}
        </Callout>
      )}
      <ErrorCallout error={error ?? matches.error} />
      {data?.matches.length === 0 ? (
        <NonIdealState icon="people" title={t('graph.duplicates.none')} description={t('graph.duplicates.noneHelp')} />
      ) : (
        <HTMLTable striped compact className="pc-graph-matches" data-testid="graph-matches">
          <thead>
            <tr>
              <th>{t('graph.duplicates.score')}</th>
              <th>{t('graph.duplicates.partyA')}</th>
              <th>{t('graph.duplicates.partyB')}</th>
              <th>{t('graph.duplicates.why')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data?.matches.map((m) => (
              <tr key={m.id} data-testid="graph-match">
                <td>{(m.score * 100).toFixed(0)}</td>
                <td>{party(m.a)}</td>
                <td>{party(m.b)}</td>
                <td>
                  <div className="pc-tags">
                    <Tag minimal title={m.reasons.nameDetail}>
                      {t('graph.duplicates.name', { score: (m.reasons.name * 100).toFixed(0) })}
                    </Tag>
                    {agree(t('graph.duplicates.address'), m.reasons.address)}
                    {agree(t('graph.duplicates.phone'), m.reasons.phone)}
                    {agree(t('graph.duplicates.email'), m.reasons.email)}
                    {agree(t('graph.duplicates.country'), m.reasons.country)}
                  </div>
                  {m.decidedBy && (
                    <div className="pc-muted">{t('graph.duplicates.decided', { by: m.decidedBy, at: m.decidedAt?.slice(0, 16).replace('T', ' ') })}</div>
                  )}
                </td>
                <td>
                  <ButtonGroup minimal className="pc-nowrap">
                    {m.status !== 'accepted' && (
                      <Button
                        small
                        icon="merge-links"
                        text={t('graph.duplicates.accept')}
                        onClick={() => void decide(m, 'accepted')}
                        data-testid="graph-match-accept"
                      />
                    )}
                    {m.status !== 'rejected' && <Button small icon="cross" text={t('graph.duplicates.reject')} onClick={() => void decide(m, 'rejected')} />}
                    {m.status !== 'open' && (
                      <Button icon="undo" text={t('graph.duplicates.reopen')} onClick={() => void decide(m, 'open')} data-testid="graph-match-reopen" />
                    )}
                    <Button small icon="graph" aria-label={t('graph.duplicates.inGraph')} onClick={() => openInGraph([`party:${m.a.id}`, `party:${m.b.id}`])} />
                  </ButtonGroup>
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      {data && data.total > PAGE && (
        <ButtonGroup>
          <Button
            icon="chevron-left"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
            aria-label={t('graph.duplicates.previous')}
          />
          <Button
            icon="chevron-right"
            disabled={offset + PAGE >= data.total}
            onClick={() => setOffset(offset + PAGE)}
            aria-label={t('graph.duplicates.next')}
          />
        </ButtonGroup>
      )}
    </div>
  );
}
