// "Save as PDF" in the desktop app: the shell prints this view (printToPDF) into a file beside the exports,
// never over an existing one, and logs it. The browser shell has no such path: there, Print and the
// system dialog's "Save as PDF" do it, and this button is not shown.
import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

/** Two frames: the dialog has left the page before the shell prints it. */
const painted = () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));

export function SavePdf({
  exportDir,
  fileName,
  subject,
  caseId,
  ready,
}: {
  exportDir: string;
  fileName: string;
  subject: string;
  /** The case the report belongs to (logged with the file), or null for another report. */
  caseId: number | null;
  ready: boolean;
}) {
  const { t } = useTranslation();
  const [desktop, setDesktop] = useState(false);
  const [asking, setAsking] = useState(false);
  const [out, setOut] = useState(`${exportDir}/${fileName}`);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    void api.call('app.info').then((info) => live && setDesktop(info.shell === 'electron'));
    return () => {
      live = false;
    };
  }, []);
  if (!desktop) return null;

  async function save() {
    setAsking(false);
    setError(null);
    setSaved(null);
    await painted();
    try {
      const r = await api.call('reports.printToPdf', { out: out.trim(), subject, caseId });
      setSaved(r.file);
    } catch (err) {
      setError(err);
    }
  }
  const exists = error instanceof ApiError && error.code === 'WORKSPACE_EXISTS';
  return (
    <>
      <Button icon="document" text={t('cases.print.savePdf')} disabled={!ready} onClick={() => setAsking(true)} data-testid="print-save-pdf" />
      {saved && (
        <Callout intent={Intent.SUCCESS} icon="tick" compact className="pc-print-saved">
          {t('cases.print.savedPdf', { file: saved })}
        </Callout>
      )}
      {exists ? (
        <Callout intent={Intent.WARNING} compact>
          {t('cases.print.fileExists')}
        </Callout>
      ) : (
        <ErrorCallout error={error} />
      )}
      {asking && (
        <Dialog isOpen onClose={() => setAsking(false)} title={t('cases.print.savePdf')} icon="document">
          <DialogBody>
            <FormGroup label={t('cases.print.pdfFile')} labelFor="report-out">
              <InputGroup id="report-out" value={out} onValueChange={setOut} leftIcon="document" autoFocus />
            </FormGroup>
          </DialogBody>
          <DialogFooter actions={<Button intent="primary" icon="floppy-disk" text={t('common.save')} disabled={!out.trim()} onClick={() => void save()} />} />
        </Dialog>
      )}
    </>
  );
}
