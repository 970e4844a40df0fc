// A received hashed-matching set: compared here with this workspace's own keyed hashes, it shows which of
// this unit's records the partner also holds — and nothing else. Details are then asked for by package.
import { Button, Callout, Classes, HTMLTable, Intent } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchResult } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';

const OPENABLE = ['shipment', 'container', 'party', 'passenger'];

export function MatchCompare({ id, onOpen }: { id: number; onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<MatchResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function compare() {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.call('exchange.matchReceived', { id }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="pc-package-section" data-testid="match-compare">
      <Callout icon="search-around" className="pc-mb">
        {t('exchange.matching.receivedHelp')}
      </Callout>
      <Button
        intent={Intent.PRIMARY}
        icon="search-around"
        text={t('exchange.matching.compare')}
        loading={busy}
        onClick={() => void compare()}
        data-testid="match-compare-button"
      />
      <ErrorCallout error={error} />
      {result && (
        <div className="pc-mt" data-testid="match-result" data-overlaps={result.overlaps.length}>
          <p>{t('exchange.matching.result', { compared: result.compared, theirs: result.theirs, count: result.overlaps.length })}</p>
          {result.overlaps.length > 0 && (
            <HTMLTable compact striped className="pc-table pc-wide">
              <thead>
                <tr>
                  <th>{t('exchange.matching.category')}</th>
                  <th>{t('exchange.preview.label')}</th>
                </tr>
              </thead>
              <tbody>
                {result.overlaps.map((o, i) => (
                  <tr key={i} data-testid="match-overlap">
                    <td>{t(`exchange.matching.categories.${o.category}`)}</td>
                    <td>
                      {OPENABLE.includes(o.entity) ? (
                        <a role="button" tabIndex={0} onClick={() => onOpen({ kind: o.entity as RecordRef['kind'], id: o.entityId })}>
                          {o.label}
                        </a>
                      ) : (
                        o.label
                      )}{' '}
                      <span className={Classes.TEXT_MUTED}>({t(`cases.kinds.${o.entity}`, { defaultValue: o.entity })})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </HTMLTable>
          )}
        </div>
      )}
    </section>
  );
}
