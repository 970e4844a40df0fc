// A new package in two steps: compose it, then see exactly what will leave (exchange.plan) and only then
// sign, encrypt and write it (exchange.send, confirmed). The result names the file written, to hand over.
import { Button, Callout, Classes, Code, Dialog, DialogBody, DialogFooter, Intent } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportPlan, PackageSummary } from '../../../../shared/domain/exchange.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { composeValid, toDraft, type ComposeState } from './compose-draft.ts';
import { ComposeForm } from './ComposeForm.tsx';
import { PlanView } from './PlanView.tsx';
import { usePartners } from './useExchange.ts';

type Props = { initial: ComposeState; onClose(): void; onSent(sent: PackageSummary & { file: string }): void };

export function ComposeDialog({ initial, onClose, onSent }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState(initial);
  const [plan, setPlan] = useState<ExportPlan | null>(null);
  const [sent, setSent] = useState<(PackageSummary & { file: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const partners = usePartners();
  const loadCases = useCallback(() => api.call('cases.list', { offset: 0, limit: 200 }), []);
  const cases = useLoad(loadCases, ['case']);

  async function step<T>(call: () => Promise<T>, then: (r: T) => void) {
    setBusy(true);
    setError(null);
    try {
      then(await call());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const review = () => void step(() => api.call('exchange.plan', { draft: toDraft(state) }), setPlan);
  const send = () =>
    void step(
      () => api.call('exchange.send', { draft: toDraft(state), out: state.out.trim() || null, confirmed: true }),
      (r) => {
        setSent(r);
        onSent(r);
      },
    );

  const title = state.inReplyTo ? t('exchange.compose.replyTitle') : t('exchange.compose.title');
  return (
    <Dialog isOpen onClose={onClose} title={title} icon="send-message" className="pc-exchange-dialog pc-compose-dialog" canOutsideClickClose={false}>
      <DialogBody data-testid="compose-dialog" data-step={sent ? 'sent' : plan ? 'plan' : 'edit'}>
        {sent ? (
          <Callout intent={Intent.SUCCESS} icon="tick-circle" title={t('exchange.compose.sentTitle')} data-testid="compose-sent">
            <p>{t('exchange.compose.sent', { names: sent.partners.map((p) => p.name).join(', ') })}</p>
            <Code className="pc-path" data-testid="compose-sent-file">
              {sent.file}
            </Code>
            <p className={`${Classes.TEXT_MUTED} pc-mt`}>{t('exchange.compose.sentHelp')}</p>
          </Callout>
        ) : plan ? (
          <PlanView plan={plan} kind={state.kind} subject={state.subject} />
        ) : (
          <ComposeForm state={state} onChange={setState} partners={partners.data ?? []} cases={cases.data?.cases ?? []} />
        )}
        <ErrorCallout error={error ?? partners.error ?? cases.error} />
      </DialogBody>
      <DialogFooter
        actions={
          sent ? (
            <Button intent={Intent.PRIMARY} text={t('exchange.close')} onClick={onClose} data-testid="compose-close" />
          ) : plan ? (
            <>
              <Button icon="arrow-left" text={t('exchange.compose.back')} onClick={() => setPlan(null)} disabled={busy} data-testid="compose-back" />
              <Button intent={Intent.PRIMARY} icon="lock" text={t('exchange.compose.send')} loading={busy} onClick={send} data-testid="compose-send" />
            </>
          ) : (
            <>
              <Button text={t('common.cancel')} onClick={onClose} />
              <Button
                intent={Intent.PRIMARY}
                icon="eye-open"
                text={t('exchange.compose.review')}
                loading={busy}
                disabled={!composeValid(state)}
                onClick={review}
                data-testid="compose-review"
              />
            </>
          )
        }
      />
    </Dialog>
  );
}
