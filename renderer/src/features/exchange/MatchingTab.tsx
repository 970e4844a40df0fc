// Hashed matching: this workspace's identifiers of the chosen kinds go to one trusted partner as keyed
// hashes only (a key the two units alone can compute), so the partner learns which of its own records this
// unit also holds and nothing more. Received sets are compared from the inbox.
import { Button, Callout, Card, Checkbox, Code, FormGroup, HTMLSelect, InputGroup, Intent, NonIdealState } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATCH_CATEGORIES, type MatchCategory, type PackageSummary } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { usePartners } from './useExchange.ts';

export function MatchingTab() {
  const { t } = useTranslation();
  const partners = usePartners();
  const trusted = (partners.data ?? []).filter((p) => p.trusted);
  const [partnerId, setPartnerId] = useState<number | null>(null);
  const [categories, setCategories] = useState<MatchCategory[]>(['container', 'party']);
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<(PackageSummary & { file: string; hashes: number }) | null>(null);
  const chosen = partnerId ?? trusted[0]?.id ?? null;

  async function send() {
    if (chosen === null) return;
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      setSent(await api.call('exchange.sendMatchSet', { partnerId: chosen, categories, out: out.trim() || null }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pc-exchange-matching" data-testid="matching-view">
      <Callout icon="shield" intent={Intent.PRIMARY} className="pc-mb" data-testid="matching-explain">
        {t('exchange.matching.explain')}
      </Callout>
      <ErrorCallout error={partners.error} />
      {partners.data && trusted.length === 0 ? (
        <NonIdealState icon="people" title={t('exchange.matching.noTrusted')} description={t('exchange.compose.noTrusted')} />
      ) : (
        <Card className="pc-exchange-card">
          <FormGroup label={t('exchange.matching.partner')} labelFor="matching-partner">
            <HTMLSelect id="matching-partner" value={chosen ?? ''} onChange={(e) => setPartnerId(Number(e.currentTarget.value))} data-testid="matching-partner">
              {trusted.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.country})
                </option>
              ))}
            </HTMLSelect>
          </FormGroup>
          <FormGroup label={t('exchange.matching.categoriesLabel')}>
            {MATCH_CATEGORIES.map((c) => (
              <Checkbox
                key={c}
                inline
                checked={categories.includes(c)}
                label={t(`exchange.matching.categories.${c}`)}
                onChange={(e) => setCategories(e.currentTarget.checked ? [...categories, c] : categories.filter((x) => x !== c))}
                data-testid="matching-category"
                data-category={c}
              />
            ))}
          </FormGroup>
          <FormGroup label={t('exchange.compose.out')} labelFor="matching-out" helperText={t('exchange.compose.outHelp')}>
            <InputGroup
              id="matching-out"
              leftIcon="floppy-disk"
              value={out}
              onValueChange={setOut}
              placeholder={t('exchange.compose.outPlaceholder')}
              data-testid="matching-out"
            />
          </FormGroup>
          <Button
            intent={Intent.PRIMARY}
            icon="lock"
            text={t('exchange.matching.send')}
            loading={busy}
            disabled={chosen === null || categories.length === 0}
            onClick={() => void send()}
            data-testid="matching-send"
          />
          <ErrorCallout error={error} />
          {sent && (
            <Callout intent={Intent.SUCCESS} icon="tick-circle" className="pc-mt" data-testid="matching-sent" data-hashes={sent.hashes}>
              <p>{t('exchange.matching.sent', { count: sent.hashes, partner: sent.partners.map((p) => p.name).join(', ') })}</p>
              <Code className="pc-path" data-testid="matching-sent-file">
                {sent.file}
              </Code>
            </Callout>
          )}
        </Card>
      )}
    </div>
  );
}
