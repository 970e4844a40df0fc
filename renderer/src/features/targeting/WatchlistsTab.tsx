// Watchlists (parties, addresses, phones, e-mails, containers, vessels, travel documents) with the
// threshold each matches at, their entries; and the reference lists rules and indicators read.
import { Button, Classes, H4, HTMLTable, NonIdealState, Spinner } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Watchlist } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useTargetingFormat } from './format.ts';
import { ReferenceLists } from './ReferenceLists.tsx';
import { FUZZY_KINDS, WatchlistEditor } from './WatchlistEditor.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { RowLink } from './RowLink.tsx';

type Props = { watchlistId: number | null; onSelect(id: number | null): void };

export function WatchlistsTab({ watchlistId, onSelect }: Props) {
  const { t } = useTranslation();
  const load = useCallback(() => api.call('targeting.watchlists'), []);
  const watchlists = useLoad(load, []);
  const [creating, setCreating] = useState(false);
  const selected = creating ? null : (watchlists.data?.find((w) => w.id === watchlistId) ?? null);

  return (
    <div className="pc-watchlists" data-testid="watchlists-tab">
      <ErrorCallout error={watchlists.error} />
      <div className="pc-split">
        <div className="pc-split-list">
          <div className="pc-row pc-mb">
            <H4 className="pc-flex pc-h-inline">{t('targeting.watchlist.title')}</H4>
            <Button
              icon="add"
              text={t('targeting.watchlist.new')}
              onClick={() => {
                setCreating(true);
                onSelect(null);
              }}
              data-testid="watchlist-new"
            />
          </div>
          {!watchlists.data ? (
            <Spinner size={20} />
          ) : (
            <WatchlistTable
              watchlists={watchlists.data}
              selected={selected?.id ?? null}
              onSelect={(id) => {
                setCreating(false);
                onSelect(id);
              }}
            />
          )}
        </div>
        <div className="pc-split-detail">
          {creating || selected ? (
            <WatchlistEditor
              key={creating ? 'new' : selected!.id}
              watchlist={selected}
              onSaved={(w) => {
                setCreating(false);
                watchlists.reload();
                onSelect(w.id);
              }}
              onEntriesChanged={watchlists.reload}
            />
          ) : (
            <NonIdealState icon="eye-open" title={t('targeting.watchlist.pick')} description={t('targeting.watchlist.pickHelp')} />
          )}
        </div>
      </div>
      <ReferenceLists />
    </div>
  );
}

function WatchlistTable({ watchlists, selected, onSelect }: { watchlists: Watchlist[]; selected: number | null; onSelect(id: number): void }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  if (watchlists.length === 0) return <p className={Classes.TEXT_MUTED}>{t('targeting.watchlist.none')}</p>;
  return (
    <HTMLTable compact interactive className="pc-table" data-testid="watchlist-list">
      <thead>
        <tr>
          <th>{t('targeting.watchlist.name')}</th>
          <th>{t('targeting.watchlist.kind')}</th>
          <th className="pc-right">{t('targeting.watchlist.threshold')}</th>
          <th className="pc-right">{t('targeting.watchlist.entries')}</th>
        </tr>
      </thead>
      <tbody>
        {watchlists.map((w) => (
          <tr
            key={w.id}
            className={w.id === selected ? 'pc-selected' : undefined}
            onClick={() => onSelect(w.id)}
            data-testid="watchlist-row"
            data-watchlist={w.name}
          >
            <td>
              <RowLink onOpen={() => onSelect(w.id)}>{w.name}</RowLink>
            </td>
            <td>{t(`targeting.watchlist.kinds.${w.kind}`, { defaultValue: w.kind })}</td>
            <td className="pc-right pc-num">{FUZZY_KINDS.includes(w.kind) ? f.percent(w.threshold) : t('targeting.watchlist.exact')}</td>
            <td className={`pc-right pc-num ${w.entries === 0 ? Classes.TEXT_MUTED : ''}`}>{f.number(w.entries)}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
