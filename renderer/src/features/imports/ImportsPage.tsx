// Imports: drop files (or pick them), watch them being read, see each report; the history lists every
// import with its counts and report, and can undo one after confirmation.
import { Alert, Button, Checkbox, Classes, FormGroup, H2, H5, HTMLSelect, HTMLTable, Intent, ProgressBar, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FORMAT_NAMES, type ImportFormatName, type ImportIssueRow, type ImportSummary } from '../../../../shared/domain/imports.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { DropZone } from './DropZone.tsx';
import { ImportJobs } from './ImportJobs.tsx';
import { IssueTable } from './ImportReportView.tsx';
import { UploadCancelled, uploadFile } from './upload.ts';
import { useImportHistory } from './useImportHistory.ts';
import { useImportRunner } from './useImportRunner.tsx';

type Sending = { name: string; sent: number; size: number; abort: AbortController };

export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const [format, setFormat] = useState<ImportFormatName | ''>('');
  const [strict, setStrict] = useState(false);
  const [sending, setSending] = useState<Sending[]>([]);
  const [error, setError] = useState<unknown>(null);
  const { started, run, mappingDialog } = useImportRunner();
  const { history } = useImportHistory();
  const [undoing, setUndoing] = useState<ImportSummary | null>(null);
  const [opened, setOpened] = useState<{ id: number; issues: ImportIssueRow[] } | null>(null);

  async function onFiles(files: File[]) {
    setError(null);
    for (const file of files) {
      const upload: Sending = { name: file.name, sent: 0, size: file.size, abort: new AbortController() };
      setSending((s) => [...s, upload]);
      try {
        const uploadId = await uploadFile(
          file,
          (sent) => setSending((s) => s.map((u) => (u.abort === upload.abort ? { ...u, sent } : u))),
          upload.abort.signal,
        );
        setSending((s) => s.filter((u) => u.abort !== upload.abort));
        await run(uploadId, file.name, format || null, strict);
      } catch (err) {
        if (!(err instanceof UploadCancelled)) setError(err);
      } finally {
        setSending((s) => s.filter((u) => u.abort !== upload.abort));
      }
    }
  }

  async function undo(item: ImportSummary) {
    setUndoing(null);
    try {
      await api.call('imports.undo', { importId: item.id });
    } catch (err) {
      setError(err);
    }
  }

  async function openReport(id: number) {
    if (opened?.id === id) return setOpened(null);
    setOpened({ id, issues: await api.call('imports.report', { importId: id }) });
  }

  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'hbs' ? 'hr' : 'en');
  return (
    <div className="pc-page" data-section="imports">
      <H2>{t('sections.imports.title')}</H2>
      <p className="pc-lead">{t('sections.imports.purpose')}</p>
      <div className="pc-row">
        <FormGroup label={t('imports.format')} labelFor="import-format" inline>
          <HTMLSelect id="import-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as ImportFormatName | '')}>
            <option value="">{t('imports.detect')}</option>
            {IMPORT_FORMAT_NAMES.map((f) => (
              <option key={f} value={f}>
                {f.toUpperCase()}
              </option>
            ))}
          </HTMLSelect>
        </FormGroup>
        <Checkbox checked={strict} label={t('imports.strict')} onChange={(e) => setStrict(e.currentTarget.checked)} />
      </div>
      <DropZone onFiles={(f) => void onFiles(f)} />
      <ErrorCallout error={error} />
      {sending.map((u, i) => (
        <div key={`${u.name}-${i}`} className="pc-row pc-mt" data-testid="import-sending">
          <span>{t('imports.sending', { file: u.name })}</span>
          <ProgressBar className="pc-job-bar" value={u.size > 0 ? u.sent / u.size : undefined} />
          <Button small minimal icon="cross" text={t('common.cancel')} onClick={() => u.abort.abort()} />
        </div>
      ))}
      <ImportJobs started={started} />
      <H5 className="pc-mt">{t('imports.history')}</H5>
      {history.length === 0 ? (
        <p className={Classes.TEXT_MUTED}>{t('imports.none')}</p>
      ) : (
        <HTMLTable compact striped className="pc-audit-table" data-testid="import-history">
          <thead>
            <tr>
              <th>{t('imports.when')}</th>
              <th>{t('imports.file')}</th>
              <th>{t('imports.format')}</th>
              <th>{t('imports.accepted')}</th>
              <th>{t('imports.rejected')}</th>
              <th>{t('imports.warnings')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <HistoryRow
                key={h.id}
                item={h}
                when={when(h.startedAt)}
                opened={opened?.id === h.id ? opened.issues : null}
                onReport={() => void openReport(h.id)}
                onUndo={() => setUndoing(h)}
              />
            ))}
          </tbody>
        </HTMLTable>
      )}
      {mappingDialog}
      <Alert
        isOpen={undoing !== null}
        intent={Intent.DANGER}
        icon="undo"
        confirmButtonText={t('imports.undo')}
        cancelButtonText={t('common.cancel')}
        onConfirm={() => undoing && void undo(undoing)}
        onCancel={() => setUndoing(null)}
      >
        {undoing && t('imports.undoConfirm', { file: undoing.file, count: undoing.accepted })}
      </Alert>
    </div>
  );
}

function HistoryRow(props: { item: ImportSummary; when: string; opened: ImportIssueRow[] | null; onReport(): void; onUndo(): void }) {
  const { t } = useTranslation();
  const { item } = props;
  return (
    <>
      <tr data-import-id={item.id}>
        <td>{props.when}</td>
        <td>{item.file}</td>
        <td>{item.format.toUpperCase()}</td>
        <td className="pc-num">{item.accepted}</td>
        <td className="pc-num">{item.rejected}</td>
        <td className="pc-num">{item.warnings}</td>
        <td className="pc-row">
          {item.status === 'undone' ? (
            <Tag minimal intent={Intent.WARNING}>
              {t('imports.undone')}
            </Tag>
          ) : (
            <Button small minimal icon="undo" text={t('imports.undo')} onClick={props.onUndo} />
          )}
          <Button small minimal icon="document" text={t('imports.report')} onClick={props.onReport} disabled={item.rejected + item.warnings === 0} />
        </td>
      </tr>
      {props.opened && (
        <tr>
          <td colSpan={7}>
            <IssueTable issues={props.opened} />
          </td>
        </tr>
      )}
    </>
  );
}
