// A watchlist's entries: pasted one per line (with a note for the batch), found again by a filter, and
// removed one by one. Every change is on the audit log.
import { Button, Classes, FormGroup, H5, HTMLTable, InputGroup, Intent, TextArea } from '@blueprintjs/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Watchlist } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useTargetingFormat } from './format.ts';
import { useLoad } from '../../components/useLoad.ts';

const SHOWN = 500;

export function WatchlistEntries({ watchlist, onChanged }: { watchlist: Watchlist; onChanged(): void }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  const load = useCallback(() => api.call('targeting.entries', { watchlistId: watchlist.id }), [watchlist.id]);
  const entries = useLoad(load, []);
  const [paste, setPaste] = useState('');
  const [note, setNote] = useState('');
  const [filter, setFilter] = useState('');
  const [added, setAdded] = useState<{ added: number; lines: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lines = paste
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (entries.data ?? []).filter((e) => !q || e.value.toLowerCase().includes(q) || e.note.toLowerCase().includes(q));
  }, [entries.data, filter]);

  async function add() {
    setError(null);
    try {
      const r = await api.call('targeting.addEntries', { watchlistId: watchlist.id, entries: lines.map((value) => ({ value, note })) });
      setAdded({ added: r.added, lines: lines.length });
      setPaste('');
      entries.reload();
      onChanged();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(id: number) {
    setError(null);
    try {
      await api.call('targeting.removeEntry', { id });
      entries.reload();
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="pc-entries" data-testid="watchlist-entries">
      <H5 className="pc-mt">{t('targeting.watchlist.entriesTitle', { count: entries.data?.length ?? watchlist.entries })}</H5>
      <FormGroup label={t('targeting.watchlist.paste')} labelFor="watchlist-paste" helperText={t('targeting.watchlist.pasteHelp')}>
        <TextArea id="watchlist-paste" fill rows={4} value={paste} onChange={(e) => setPaste(e.currentTarget.value)} data-testid="watchlist-paste" />
      </FormGroup>
      <div className="pc-row">
        <InputGroup
          className="pc-flex"
          placeholder={t('targeting.watchlist.notePlaceholder')}
          value={note}
          onValueChange={setNote}
          aria-label={t('targeting.watchlist.note')}
        />
        <Button
          intent={Intent.PRIMARY}
          icon="add"
          text={t('targeting.watchlist.add', { count: lines.length })}
          disabled={lines.length === 0}
          onClick={() => void add()}
          data-testid="watchlist-add"
        />
      </div>
      {added && (
        <p className={`${Classes.TEXT_MUTED} pc-mt`} data-testid="watchlist-added">
          {t('targeting.watchlist.added', { added: added.added, skipped: added.lines - added.added })}
        </p>
      )}
      <ErrorCallout error={error ?? entries.error} />
      {(entries.data?.length ?? 0) > 0 && (
        <>
          <InputGroup
            className="pc-mt pc-entries-filter"
            leftIcon="search"
            placeholder={t('targeting.watchlist.filter')}
            value={filter}
            onValueChange={setFilter}
            aria-label={t('targeting.watchlist.filter')}
          />
          <HTMLTable compact striped className="pc-table pc-mt" data-testid="entry-table">
            <thead>
              <tr>
                <th>{t('targeting.watchlist.value')}</th>
                <th>{t('targeting.watchlist.note')}</th>
                <th>{t('targeting.watchlist.addedBy')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, SHOWN).map((e) => (
                <tr key={e.id} data-testid="entry-row" data-value={e.value}>
                  <td>{e.value}</td>
                  <td className={Classes.TEXT_MUTED}>{e.note}</td>
                  <td className={Classes.TEXT_MUTED}>
                    {e.addedBy} · {f.moment(e.addedAt)}
                  </td>
                  <td className="pc-right">
                    <Button
                      size="small"
                      variant="minimal"
                      icon="trash"
                      aria-label={t('targeting.watchlist.remove')}
                      title={t('targeting.watchlist.remove')}
                      onClick={() => void remove(e.id)}
                      data-testid="entry-remove"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
          {shown.length > SHOWN && <p className={Classes.TEXT_MUTED}>{t('targeting.watchlist.more', { count: shown.length - SHOWN })}</p>}
        </>
      )}
    </div>
  );
}
