// For the debrief: the answer key written as a file signed by this unit, which the trainees' training
// workspaces (opened from this exercise's pack) accept, to show the ground truth on their own records.
import { Button, Callout, Classes, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

export function AnswersExport({ id }: { id: number }) {
  const { t } = useTranslation();
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [written, setWritten] = useState<{ file: string; targets: number } | null>(null);

  async function write() {
    setBusy(true);
    setError(null);
    setWritten(null);
    try {
      setWritten(await api.call('training.exportAnswers', { id, out: out.trim() || null }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="pc-mt" data-testid="answers-export">
      <p className={Classes.TEXT_MUTED}>{t('training.answers.exportHelp')}</p>
      <FormGroup label={t('training.answers.exportOut')} labelFor="answers-out" helperText={t('training.answers.exportOutHelp')}>
        <InputGroup
          id="answers-out"
          leftIcon="document"
          value={out}
          onValueChange={setOut}
          placeholder={t('training.answers.exportPlaceholder')}
          rightElement={
            <Button minimal icon="export" text={t('training.answers.export')} loading={busy} onClick={() => void write()} data-testid="answers-export-button" />
          }
          data-testid="answers-export-out"
        />
      </FormGroup>
      <ErrorCallout error={error} />
      {written && (
        <Callout intent={Intent.SUCCESS} icon="endorsed" compact data-testid="answers-exported">
          {t('training.answers.exported', { targets: written.targets })} <code data-testid="answers-exported-file">{written.file}</code>
        </Callout>
      )}
    </section>
  );
}
