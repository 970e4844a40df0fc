// The cases: filtered by status, tag and text (title, reference, summary); full-text search across cases,
// notebook entries and attachment names with the passage found; and a new case.
import { Button, Classes, H2, HTMLSelect, HTMLTable, Icon, InputGroup, NonIdealState, Spinner, Tag, type IconName } from '@blueprintjs/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseSearchHit, type CaseStatus } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { CaseTab } from './case-route.ts';
import { useCaseFormat } from './format.ts';
import { TlpBadge } from './Handling.tsx';
import { NewCaseDialog } from './NewCaseDialog.tsx';
import { useCaseList } from './useCases.ts';

const HIT_ICONS: Record<CaseSearchHit['kind'], IconName> = { case: 'folder-close', note: 'annotation', attachment: 'paperclip' };

export function CaseList({ onOpenCase }: { onOpenCase(id: number, tab?: CaseTab): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const [tag, setTag] = useState('');
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    const h = setTimeout(() => setText(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const list = useCaseList({ status: status || undefined, text: text || undefined, tag: tag || undefined });
  const allTags = useMemo(() => [...new Set((list.data?.cases ?? []).flatMap((c) => c.tags))].sort(), [list.data]);

  return (
    <div className="pc-page pc-cases" data-section="cases" data-testid="case-list-page">
      <div className="pc-row">
        <H2 className="pc-grow">{t('sections.cases.title')}</H2>
        <Button intent="primary" icon="folder-new" text={t('cases.new.button')} onClick={() => setCreating(true)} data-testid="case-new" />
      </div>
      <FullTextSearch onOpen={(hit) => onOpenCase(hit.caseId, hit.kind === 'note' ? 'notes' : hit.kind === 'attachment' ? 'attachments' : 'summary')} />
      <div className="pc-row pc-case-filters">
        <HTMLSelect
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as CaseStatus | '')}
          aria-label={t('cases.fields.status')}
          data-testid="case-filter-status"
        >
          <option value="">{t('cases.list.allStatuses')}</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`cases.status.${s}`)}
            </option>
          ))}
        </HTMLSelect>
        <InputGroup
          leftIcon="filter"
          placeholder={t('cases.list.filter')}
          value={typed}
          onValueChange={setTyped}
          aria-label={t('cases.list.filter')}
          className="pc-case-filter-text"
          data-testid="case-filter-text"
        />
        <HTMLSelect value={tag} onChange={(e) => setTag(e.currentTarget.value)} aria-label={t('cases.fields.tags')} data-testid="case-filter-tag">
          <option value="">{t('cases.list.allTags')}</option>
          {[...new Set([...allTags, ...(tag ? [tag] : [])])].map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </HTMLSelect>
        <span className={Classes.TEXT_MUTED} data-testid="case-count">
          {list.data ? t('cases.list.count', { count: list.data.total }) : ''}
        </span>
      </div>
      <ErrorCallout error={list.error} />
      {!list.data && !list.error && <Spinner size={24} className="pc-mt" />}
      {list.data?.cases.length === 0 && (
        <NonIdealState icon="folder-shared" title={t('cases.list.none')} description={t('cases.list.noneHelp')} className="pc-mt" />
      )}
      {list.data && list.data.cases.length > 0 && (
        <HTMLTable interactive striped compact className="pc-table pc-case-table" data-testid="case-table">
          <thead>
            <tr>
              <th>{t('cases.fields.reference')}</th>
              <th>{t('cases.fields.title')}</th>
              <th>{t('cases.fields.status')}</th>
              <th>{t('cases.fields.tlp')}</th>
              <th>{t('cases.fields.owner')}</th>
              <th>{t('cases.list.contents')}</th>
              <th>{t('cases.fields.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.cases.map((c) => (
              <tr key={c.id} onClick={() => onOpenCase(c.id)} data-testid="case-row" data-case-id={c.id}>
                <td className="pc-mono pc-nowrap">{c.reference}</td>
                <td>
                  <b>{c.title}</b>
                  {c.tags.map((x) => (
                    <Tag key={x} minimal className="pc-ml">
                      {x}
                    </Tag>
                  ))}
                </td>
                <td>
                  <StatusTag status={c.status} />
                </td>
                <td>
                  <TlpBadge tlp={c.tlp} />
                </td>
                <td>{c.owner}</td>
                <td className={Classes.TEXT_MUTED}>{t('cases.list.contentsValue', { links: c.links, notes: c.notes, attachments: c.attachments })}</td>
                <td className={Classes.TEXT_MUTED}>{f.moment(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      {creating && (
        <NewCaseDialog
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            onOpenCase(c.id);
          }}
        />
      )}
    </div>
  );
}

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag minimal intent={status === 'open' ? 'primary' : status === 'pending' ? 'warning' : 'none'} data-testid="case-status-tag">
      {t(`cases.status.${status}`)}
    </Tag>
  );
}

function FullTextSearch({ onOpen }: { onOpen(hit: CaseSearchHit): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<CaseSearchHit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function search() {
    if (!text.trim()) return setHits(null);
    setError(null);
    try {
      setHits(await api.call('cases.search', { text: text.trim(), limit: 50 }));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="pc-case-search">
      <form
        className="pc-row"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <InputGroup
          leftIcon="search"
          className="pc-grow"
          placeholder={t('cases.search.placeholder')}
          value={text}
          onValueChange={(v) => {
            setText(v);
            if (!v) setHits(null);
          }}
          aria-label={t('cases.search.placeholder')}
          data-testid="case-search"
        />
        <Button type="submit" icon="search" text={t('cases.search.button')} data-testid="case-search-button" />
      </form>
      <ErrorCallout error={error} />
      {hits && (
        <div className="pc-case-search-results" data-testid="case-search-results">
          {hits.length === 0 && <p className={Classes.TEXT_MUTED}>{t('cases.search.none')}</p>}
          {hits.map((h) => (
            <button type="button" key={`${h.kind}:${h.id}`} className="pc-case-search-hit" onClick={() => onOpen(h)} data-testid="case-search-hit">
              <Icon icon={HIT_ICONS[h.kind]} />
              <span className="pc-mono">{h.reference}</span>
              <b>{h.title}</b>
              <span className={Classes.TEXT_MUTED}>{t(`cases.search.kinds.${h.kind}`)}</span>
              <Snippet text={h.snippet} marks={h.marks ?? []} />
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** The passage found, its matched words marked (offsets from the core; shown as text, never as HTML). */
export function Snippet({ text, marks }: { text: string; marks: [number, number][] }) {
  const parts: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [from, to] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (from < at || to > text.length) continue;
    if (from > at) parts.push({ text: text.slice(at, from), hit: false });
    parts.push({ text: text.slice(from, to), hit: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return (
    <span className="pc-snippet" data-testid="case-search-snippet">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
