// One watchlist: its name, kind and the threshold its fuzzy matching needs (names, addresses and vessels
// match fuzzily; phones, e-mails, containers and documents by their exact key), and its entries.
import { Button, Classes, FormGroup, H4, HTMLSelect, InputGroup, Intent, NumericInput, TextArea } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WATCHLIST_KINDS, type Watchlist, type WatchlistKind } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { WatchlistEntries } from './WatchlistEntries.tsx';

type Kind = WatchlistKind;
const KINDS: readonly Kind[] = WATCHLIST_KINDS;
/** Kinds matched fuzzily, with a threshold; the others match by their exact key. */
export const FUZZY_KINDS: readonly string[] = ['party', 'address', 'vessel'];

type Props = { watchlist: Watchlist | null; onSaved(w: Watchlist): void; onEntriesChanged(): void };

export function WatchlistEditor({ watchlist, onSaved, onEntriesChanged }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(watchlist?.name ?? '');
  const [kind, setKind] = useState<Kind>((watchlist?.kind as Kind | undefined) ?? 'party');
  const [threshold, setThreshold] = useState(watchlist?.threshold ?? 0.9);
  const [description, setDescription] = useState(watchlist?.description ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const changed =
    !watchlist || name !== watchlist.name || kind !== watchlist.kind || threshold !== watchlist.threshold || description !== watchlist.description;
  const valid = name.trim() !== '' && threshold > 0 && threshold <= 1;

  async function save() {
    setError(null);
    try {
      const w = await api.call('targeting.saveWatchlist', { id: watchlist?.id ?? null, name: name.trim(), kind, threshold, description });
      setSaved(true);
      onSaved(w);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="pc-watchlist-editor" data-testid="watchlist-editor">
      <H4>{watchlist ? watchlist.name : t('targeting.watchlist.newTitle')}</H4>
      <div className="pc-form-grid">
        <FormGroup label={t('targeting.watchlist.name')} labelFor="watchlist-name" labelInfo={t('targeting.required')}>
          <InputGroup id="watchlist-name" value={name} onValueChange={setName} data-testid="watchlist-name" />
        </FormGroup>
        <FormGroup label={t('targeting.watchlist.kind')} labelFor="watchlist-kind">
          <HTMLSelect
            id="watchlist-kind"
            fill
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as Kind)}
            options={KINDS.map((k) => ({ value: k, label: t(`targeting.watchlist.kinds.${k}`) }))}
            data-testid="watchlist-kind"
          />
        </FormGroup>
        <FormGroup
          label={t('targeting.watchlist.threshold')}
          labelFor="watchlist-threshold"
          helperText={FUZZY_KINDS.includes(kind) ? t('targeting.watchlist.thresholdHelp') : t('targeting.watchlist.exactHelp')}
        >
          <NumericInput
            id="watchlist-threshold"
            min={0.5}
            max={1}
            stepSize={0.01}
            minorStepSize={0.001}
            majorStepSize={0.05}
            value={threshold}
            disabled={!FUZZY_KINDS.includes(kind)}
            onValueChange={(n) => Number.isFinite(n) && setThreshold(n)}
            data-testid="watchlist-threshold"
          />
        </FormGroup>
      </div>
      <FormGroup label={t('targeting.watchlist.description')} labelFor="watchlist-description">
        <TextArea id="watchlist-description" fill autoResize value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      </FormGroup>
      <div className="pc-row">
        <Button
          intent={Intent.PRIMARY}
          icon="floppy-disk"
          text={t('common.save')}
          disabled={!changed || !valid}
          onClick={() => void save()}
          data-testid="watchlist-save"
        />
        {saved && !changed && <span className={Classes.TEXT_MUTED}>{t('common.saved')}</span>}
      </div>
      <ErrorCallout error={error} />
      {watchlist && <WatchlistEntries watchlist={watchlist} onChanged={onEntriesChanged} />}
    </div>
  );
}
