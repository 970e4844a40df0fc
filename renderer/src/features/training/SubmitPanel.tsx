// Submitting: the selections are signed and encrypted to the trainer into one file (beside the workspace,
// or where the trainee says), after a confirmation — from then on they are frozen. Submitting again
// writes the same submission again (for a file lost on the way).
import { Alert, Button, Callout, Classes, FormGroup, InputGroup, Intent, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingMark } from '../../../../shared/domain/training.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { deadlineOf } from './TrainingBanner.tsx';

type Written = { file: string; selections: number; late: boolean };

export function SubmitPanel({ mark, count, onSubmitted }: { mark: TrainingMark; count: number; onSubmitted(): void }) {
  const { t } = useTranslation();
  const [out, setOut] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [written, setWritten] = useState<Written | null>(null);
  const submitted = mark.submittedAt !== null;

  async function submit() {
    setAsking(false);
    setBusy(true);
    setError(null);
    try {
      setWritten(await api.call('training.submit', { out: out.trim() || null }));
      onSubmitted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="submit-panel">
      <p className={Classes.TEXT_MUTED}>{submitted ? t('training.submit.again') : t('training.submit.help')}</p>
      <FormGroup label={t('training.submit.out')} labelFor="submit-out" helperText={t('training.submit.outHelp')}>
        <InputGroup
          id="submit-out"
          leftIcon="document"
          value={out}
          onValueChange={setOut}
          placeholder={t('training.submit.outPlaceholder')}
          data-testid="submit-out"
        />
      </FormGroup>
      <ErrorCallout error={error} />
      {written && (
        <Callout
          intent={written.late ? Intent.WARNING : Intent.SUCCESS}
          icon="endorsed"
          title={t('training.submit.doneTitle')}
          className="pc-mb"
          data-testid="submit-done"
        >
          <div>
            {t('training.submit.done', { count: written.selections })} <code data-testid="submit-file">{written.file}</code>
          </div>
          <div className="pc-mt">
            {written.late ? (
              <Tag intent={Intent.DANGER} icon="time" data-testid="submit-late" data-late="true">
                {t('training.submit.late')}
              </Tag>
            ) : (
              <Tag intent={Intent.SUCCESS} icon="time" data-testid="submit-late" data-late="false">
                {t('training.submit.onTime')}
              </Tag>
            )}
          </div>
          <p className="pc-mt">{t('training.submit.handOver')}</p>
        </Callout>
      )}
      <Button
        intent={submitted ? Intent.NONE : Intent.PRIMARY}
        icon="send-to"
        text={submitted ? t('training.submit.writeAgain') : t('training.submit.button')}
        loading={busy}
        onClick={() => (submitted ? void submit() : setAsking(true))}
        data-testid="submit-button"
      />
      <Alert
        isOpen={asking}
        intent={Intent.PRIMARY}
        icon="send-to"
        confirmButtonText={t('training.submit.confirm')}
        cancelButtonText={t('common.cancel')}
        onConfirm={() => void submit()}
        onCancel={() => setAsking(false)}
      >
        <p data-testid="submit-confirm-text">{t('training.submit.confirmText', { count })}</p>
        {Date.now() > deadlineOf(mark) && <p className="pc-training-over">{t('training.submit.confirmLate')}</p>}
      </Alert>
    </div>
  );
}
