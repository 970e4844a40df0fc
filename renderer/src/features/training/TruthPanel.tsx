// The debrief in the trainee's workspace, once the selections are submitted: the trainer's signed answer
// key (checked against the key that signed the pack) reveals the ground truth — each hidden record with
// its scheme and the indicators that give it away, whether the trainee selected it, and the record itself
// to open. The grids and the graph mark the same records.
import { Button, Callout, Classes, FileInput, FormGroup, HTMLTable, InputGroup, Intent, Spinner, Tag } from '@blueprintjs/core';
import { useCallback, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Selection } from '../../../../shared/domain/training.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { withFileOrPath } from '../imports/upload.ts';
import type { RecordRef } from '../records/record-ref.ts';
import { useTrainingFormat } from './format.ts';

const keyOf = (entity: string, ref: string) => `${entity}:${ref.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

export function TruthPanel({ selections, onOpen }: { selections: Selection[]; onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const load = useCallback(() => api.call('training.truth'), []);
  const truth = useLoad(load, ['training_truth']);
  const [file, setFile] = useState<File | null>(null);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      await withFileOrPath(file, path, (source) => api.call('training.reveal', source));
      truth.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (truth.error) return <ErrorCallout error={truth.error} />;
  if (!truth.data) return <Spinner size={20} />;
  const mine = new Set(selections.map((s) => keyOf(s.entity, s.ref)));
  if (truth.data.length === 0) {
    return (
      <div data-testid="truth-reveal">
        <p className={Classes.TEXT_MUTED}>{t('training.truth.help')}</p>
        <FormGroup label={t('training.truth.file')} labelFor="truth-file">
          <FileInput
            fill
            text={file ? file.name : t('training.truth.chooseFile')}
            buttonText={t('exchange.addCard.browse')}
            inputProps={{ id: 'truth-file', accept: '.pcanswers', 'data-testid': 'truth-file' } as InputHTMLAttributes<HTMLInputElement>}
            onInputChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
          />
        </FormGroup>
        <FormGroup label={t('training.receive.path')} labelFor="truth-path">
          <InputGroup id="truth-path" leftIcon="folder-open" value={path} disabled={file !== null} onValueChange={setPath} data-testid="truth-path" />
        </FormGroup>
        <ErrorCallout error={error} />
        <Button
          icon="eye-open"
          text={t('training.truth.reveal')}
          loading={busy}
          disabled={file === null && path.trim() === ''}
          onClick={() => void reveal()}
          data-testid="truth-submit"
        />
      </div>
    );
  }
  const found = truth.data.filter((x) => mine.has(keyOf(x.entity, x.ref))).length;
  return (
    <div data-testid="truth">
      <Callout intent={Intent.PRIMARY} icon="eye-open" compact className="pc-mb">
        {t('training.truth.summary', { found, count: truth.data.length })}
      </Callout>
      <HTMLTable compact striped className="pc-training-table">
        <thead>
          <tr>
            <th>{t('training.result.record')}</th>
            <th>{t('training.result.scheme')}</th>
            <th>{t('training.answers.indicators')}</th>
          </tr>
        </thead>
        <tbody>
          {truth.data.map((x) => {
            const selected = mine.has(keyOf(x.entity, x.ref));
            return (
              <tr key={keyOf(x.entity, x.ref)} data-testid="truth-row" data-ref={x.ref} data-selected={selected ? 'true' : 'false'}>
                <td>
                  {x.recordId ? (
                    <button type="button" className={`pc-record-link ${Classes.MONOSPACE_TEXT}`} onClick={() => onOpen({ kind: x.entity, id: x.recordId! })}>
                      {x.ref}
                    </button>
                  ) : (
                    <span className={Classes.MONOSPACE_TEXT} title={t('training.truth.notImported')}>
                      {x.ref}
                    </span>
                  )}
                  <div>
                    {selected ? (
                      <Tag minimal intent={Intent.SUCCESS} icon="tick">
                        {t('training.truth.selected')}
                      </Tag>
                    ) : (
                      <Tag minimal intent={Intent.WARNING} icon="cross">
                        {t('training.truth.missed')}
                      </Tag>
                    )}
                  </div>
                </td>
                <td>{f.scheme(x.scheme)}</td>
                <td>
                  <ul className="pc-training-list">
                    {x.indicators.map((i) => (
                      <li key={i}>{i}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </HTMLTable>
    </div>
  );
}
