// The exercise's files, as a unit would receive them: each imported with the ordinary importers (a table
// through the mapping screen, a message as it is), with the import's progress and report shown here.
import { Button, Card, Classes, H5, HTMLTable, Intent, Spinner, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FORMAT_NAMES, type ImportFormatName } from '../../../../shared/domain/imports.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { ImportJobs } from '../imports/ImportJobs.tsx';
import { useImportHistory } from '../imports/useImportHistory.ts';
import { useImportRunner } from '../imports/useImportRunner.tsx';
import { useTrainingFormat } from './format.ts';
import { useTrainingFiles } from './useTraining.ts';

const asFormat = (format: string): ImportFormatName | null =>
  (IMPORT_FORMAT_NAMES as readonly string[]).includes(format) ? (format as ImportFormatName) : null;

export function ExerciseFiles() {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const files = useTrainingFiles();
  const { history } = useImportHistory();
  const { started, run, mappingDialog } = useImportRunner();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function importFile(name: string) {
    setBusy(name);
    setError(null);
    try {
      const upload = await api.call('training.fileUpload', { name });
      await run(upload.uploadId, upload.name, asFormat(upload.format), false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const imported = (name: string) => history.some((h) => h.file === name && h.status === 'done');
  return (
    <Card className="pc-training-card" data-testid="training-files">
      <H5>{t('training.files.title')}</H5>
      <p className={Classes.TEXT_MUTED}>{t('training.files.help')}</p>
      <ErrorCallout error={files.error} />
      {!files.data && !files.error && <Spinner size={20} />}
      {files.data && (
        <HTMLTable compact striped className="pc-training-table">
          <thead>
            <tr>
              <th>{t('training.files.name')}</th>
              <th>{t('training.files.format')}</th>
              <th className="pc-num">{t('training.files.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {files.data.map((file) => (
              <tr key={file.name} data-testid="training-file" data-file={file.name}>
                <td className={Classes.MONOSPACE_TEXT}>{file.name}</td>
                <td>{file.format.toUpperCase()}</td>
                <td className="pc-num">{f.size(file.size)}</td>
                <td className="pc-row pc-nowrap">
                  {imported(file.name) && (
                    <Tag minimal intent={Intent.SUCCESS} icon="tick" data-testid="training-file-imported">
                      {t('training.files.imported')}
                    </Tag>
                  )}
                  <Button
                    small
                    icon="import"
                    text={t('training.files.import')}
                    loading={busy === file.name}
                    disabled={busy !== null}
                    onClick={() => void importFile(file.name)}
                    data-testid="training-file-import"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      <ErrorCallout error={error} />
      <ImportJobs started={started} />
      {mappingDialog}
    </Card>
  );
}
