// Attachments: photos, scans, PDFs and documents, stored encrypted in the workspace with their SHA-256,
// size, who added them and when; a preview of images (the content security policy allows images only as
// data: URLs; PDFs drawn page by page by PDF.js, as embedded PDF viewers are not allowed); each exhibit's chain of custody.
import { PdfPreview } from './PdfPreview.tsx';
import {
  Button,
  Callout,
  Card,
  Classes,
  Dialog,
  DialogBody,
  DialogFooter,
  FileInput,
  FormGroup,
  HTMLSelect,
  HTMLTable,
  InputGroup,
  Intent,
  NonIdealState,
  ProgressBar,
  Spinner,
} from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAttachment, CaseDetail, Grade } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { isImage, isPdf, saveFile, uploadAttachment } from './attachments.ts';
import { useCaseFormat } from './format.ts';
import { GradePicker, GradeTag } from './Handling.tsx';

type Content = { name: string; mediaType: string; size: number; sha256: string; dataBase64: string };

export function AttachmentsTab({ c, onChanged }: { c: CaseDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const [attaching, setAttaching] = useState(false);
  const [previewId, setPreviewId] = useState<number | null>(null);
  const [custodyId, setCustodyId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const preview = c.attachments.find((a) => a.id === previewId) ?? null;
  const custody = c.attachments.find((a) => a.id === custodyId) ?? null;

  async function download(a: CaseAttachment) {
    setError(null);
    try {
      const content = await api.call('cases.attachment', { id: a.id });
      saveFile(content.name, content.mediaType, content.dataBase64);
      await api.call('cases.custody', { attachmentId: a.id, action: 'exported', detail: t('cases.attachments.savedCopy') });
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="pc-case-attachments">
      <div className="pc-row pc-mb">
        <Button intent="primary" icon="paperclip" text={t('cases.attachments.add')} onClick={() => setAttaching(true)} data-testid="attach-open" />
        <span className={Classes.TEXT_MUTED}>{t('cases.attachments.help')}</span>
      </div>
      <ErrorCallout error={error} />
      {c.attachments.length === 0 ? (
        <NonIdealState icon="paperclip" title={t('cases.attachments.none')} description={t('cases.attachments.noneHelp')} />
      ) : (
        <HTMLTable compact striped className="pc-table pc-wide" data-testid="attachments-table">
          <thead>
            <tr>
              <th>{t('cases.attachments.name')}</th>
              <th>{t('cases.attachments.size')}</th>
              <th>{t('cases.attachments.sha256')}</th>
              <th>{t('cases.grade.label')}</th>
              <th>{t('cases.attachments.added')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {c.attachments.map((a) => (
              <tr key={a.id} data-testid="attachment-row" data-attachment-id={a.id} className={a.id === previewId ? 'pc-selected' : ''}>
                <td>
                  <button type="button" className="pc-record-link" onClick={() => setPreviewId(a.id)} data-testid="attachment-preview">
                    {a.name}
                  </button>
                  <div className={Classes.TEXT_MUTED}>
                    {a.mediaType}
                    {a.description && ` · ${a.description}`}
                  </div>
                </td>
                <td className="pc-num pc-nowrap">{f.size(a.size)}</td>
                <td className="pc-mono pc-hash" data-testid="attachment-sha256">
                  {a.sha256}
                </td>
                <td>
                  <GradeTag grade={a.grade} system={c.grading} />
                </td>
                <td className={Classes.TEXT_MUTED}>
                  {f.moment(a.addedAt)} · {a.addedBy}
                </td>
                <td className="pc-nowrap">
                  <Button
                    small
                    variant="minimal"
                    icon="download"
                    title={t('cases.attachments.download')}
                    aria-label={t('cases.attachments.download')}
                    onClick={() => void download(a)}
                  />
                  <Button
                    small
                    variant="minimal"
                    icon="exchange"
                    text={t('cases.custody.button', { count: a.custody.length })}
                    onClick={() => setCustodyId(a.id)}
                    data-testid="attachment-custody"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      {preview && (
        <Preview key={preview.id} attachment={preview} onDownload={() => void download(preview)} onClose={() => setPreviewId(null)} onViewed={onChanged} />
      )}
      {attaching && (
        <AttachDialog
          c={c}
          onClose={() => setAttaching(false)}
          onDone={(last) => {
            setAttaching(false);
            onChanged();
            if (last) setPreviewId(last.id);
          }}
        />
      )}
      {custody && <CustodyDialog attachment={custody} onClose={() => setCustodyId(null)} onChanged={onChanged} />}
    </div>
  );
}

function Preview({ attachment, onDownload, onClose, onViewed }: { attachment: CaseAttachment; onDownload(): void; onClose(): void; onViewed(): void }) {
  const { t } = useTranslation();
  const [content, setContent] = useState<Content | null>(null);
  const [error, setError] = useState<unknown>(null);
  const viewable = isImage(attachment.mediaType) || isPdf(attachment.mediaType);
  useEffect(() => {
    if (!viewable) return;
    let live = true;
    api.call('cases.attachment', { id: attachment.id }).then(
      (x) => {
        if (!live) return;
        setContent(x);
        onViewed();
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
    // Read once per attachment shown (each read is a "viewed" entry in its chain of custody).
  }, [attachment.id, viewable]);
  return (
    <Card className="pc-attachment-preview" data-testid="attachment-preview-panel">
      <div className="pc-row">
        <b className="pc-grow">{attachment.name}</b>
        <Button small icon="download" text={t('cases.attachments.download')} onClick={onDownload} data-testid="attachment-download" />
        <Button small variant="minimal" icon="cross" aria-label={t('cases.close')} onClick={onClose} />
      </div>
      <ErrorCallout error={error} />
      {viewable && !content && !error && <Spinner size={24} />}
      {viewable && content && isPdf(content.mediaType) && (
        <>
          <PdfPreview data={Uint8Array.from(atob(content.dataBase64), (ch) => ch.charCodeAt(0))} />
          <div className="pc-ok">{t('cases.attachments.verified')}</div>
        </>
      )}
      {viewable && content && !isPdf(content.mediaType) && (
        <>
          <img
            className="pc-attachment-image"
            src={`data:${content.mediaType};base64,${content.dataBase64}`}
            alt={attachment.description || attachment.name}
            data-testid="attachment-image"
          />
          <div className="pc-ok">{t('cases.attachments.verified')}</div>
        </>
      )}
      {!viewable && !isPdf(attachment.mediaType) && <Callout icon="document">{t('cases.attachments.noPreview')}</Callout>}
    </Card>
  );
}

function AttachDialog({ c, onClose, onDone }: { c: CaseDetail; onClose(): void; onDone(last: CaseAttachment | null): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const [files, setFiles] = useState<File[]>([]);
  const [description, setDescription] = useState('');
  const [grade, setGrade] = useState<Grade | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const total = files.reduce((n, x) => n + x.size, 0);
  async function upload() {
    setError(null);
    let before = 0;
    let last: CaseAttachment | null = null;
    setSent(0);
    try {
      for (const file of files) {
        last = await uploadAttachment(c.id, file, { description, grade }, (n) => setSent(before + n));
        before += file.size;
      }
      onDone(last);
    } catch (err) {
      setError(err);
      setSent(null);
    }
  }
  return (
    <Dialog isOpen onClose={onClose} title={t('cases.attachments.addTitle')} icon="paperclip" className="pc-case-dialog">
      <DialogBody>
        <FormGroup
          label={t('cases.attachments.files')}
          labelFor="attach-files"
          helperText={files.length ? t('cases.attachments.chosen', { count: files.length, size: f.size(total) }) : t('cases.attachments.filesHelp')}
        >
          <FileInput
            fill
            text={files.length ? files.map((x) => x.name).join(', ') : t('cases.attachments.choose')}
            buttonText={t('cases.attachments.browse')}
            inputProps={{ id: 'attach-files', multiple: true, 'data-testid': 'attach-input' } as React.InputHTMLAttributes<HTMLInputElement>}
            onInputChange={(e) => setFiles([...((e.currentTarget as HTMLInputElement).files ?? [])])}
          />
        </FormGroup>
        <FormGroup label={t('cases.attachments.description')} labelFor="attach-description">
          <InputGroup
            id="attach-description"
            value={description}
            onValueChange={setDescription}
            placeholder={t('cases.attachments.descriptionPlaceholder')}
            data-testid="attach-description"
          />
        </FormGroup>
        <FormGroup label={t('cases.grade.label')}>
          <GradePicker value={grade} system={c.grading} onChange={setGrade} />
        </FormGroup>
        {sent !== null && <ProgressBar value={total ? sent / total : 1} intent={Intent.PRIMARY} />}
        <ErrorCallout error={error} />
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={t('common.cancel')} onClick={onClose} />
            <Button
              intent="primary"
              icon="upload"
              text={t('cases.attachments.upload')}
              disabled={!files.length || sent !== null}
              onClick={() => void upload()}
              data-testid="attach-upload"
            />
          </>
        }
      />
    </Dialog>
  );
}

function CustodyDialog({ attachment, onClose, onChanged }: { attachment: CaseAttachment; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const [action, setAction] = useState<'transferred' | 'note'>('transferred');
  const [detail, setDetail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function add() {
    setBusy(true);
    setError(null);
    try {
      await api.call('cases.custody', { attachmentId: attachment.id, action, detail: detail.trim() });
      setDetail('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog isOpen onClose={onClose} title={t('cases.custody.title', { name: attachment.name })} icon="exchange" className="pc-case-dialog pc-wide-dialog">
      <DialogBody>
        <p className={`${Classes.TEXT_MUTED} pc-mono pc-hash`}>SHA-256 {attachment.sha256}</p>
        <HTMLTable compact striped className="pc-table pc-wide" data-testid="custody-table">
          <thead>
            <tr>
              <th>{t('cases.custody.at')}</th>
              <th>{t('cases.custody.actor')}</th>
              <th>{t('cases.custody.action')}</th>
              <th>{t('cases.custody.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {attachment.custody.map((e, i) => (
              <tr key={i} data-testid="custody-row" data-action={e.action}>
                <td className="pc-nowrap">{f.moment(e.at)}</td>
                <td>{e.actor}</td>
                <td>{t(`cases.custody.actions.${e.action}`)}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
        <form
          className="pc-row pc-mt pc-nowrap"
          onSubmit={(e) => {
            e.preventDefault();
            if (detail.trim()) void add();
          }}
        >
          <HTMLSelect
            value={action}
            onChange={(e) => setAction(e.currentTarget.value as 'transferred' | 'note')}
            aria-label={t('cases.custody.action')}
            data-testid="custody-action"
          >
            <option value="transferred">{t('cases.custody.actions.transferred')}</option>
            <option value="note">{t('cases.custody.actions.note')}</option>
          </HTMLSelect>
          <InputGroup
            className="pc-grow"
            value={detail}
            onValueChange={setDetail}
            placeholder={action === 'transferred' ? t('cases.custody.transferPlaceholder') : t('cases.custody.notePlaceholder')}
            aria-label={t('cases.custody.detail')}
            data-testid="custody-detail"
          />
          <Button type="submit" intent="primary" icon="add" text={t('cases.custody.add')} disabled={busy || !detail.trim()} data-testid="custody-add" />
        </form>
        <ErrorCallout error={error} />
      </DialogBody>
      <DialogFooter actions={<Button text={t('cases.close')} onClick={onClose} data-testid="custody-close" />} />
    </Dialog>
  );
}
