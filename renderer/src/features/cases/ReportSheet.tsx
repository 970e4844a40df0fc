// A printed report's sheet: a header and a footer that Chromium repeats on every printed page (fixed
// elements), with a table's repeating head and foot keeping the page's text clear of them; on screen, a
// sheet of paper under a toolbar (back, save as PDF in the desktop app, print). In a training workspace
// the header and footer carry the TRAINING mark, so no page of an exercise passes for live work.
import { Button, Classes } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintTrainingMark } from '../training/TrainingBanner.tsx';
import { SavePdf } from './SavePdf.tsx';
import './print.css';

type Props = {
  className?: string;
  ready: boolean;
  /** The address hash the Back button returns to, and what the button and the toolbar say (a case's by default). */
  back: string;
  backText?: string;
  help?: string;
  exportDir: string;
  /** The PDF's name in the exports folder (desktop app). */
  fileName: string;
  /** The PDF's subject, and the case it belongs to (logged with it), if any. */
  subject: string;
  caseId: number | null;
  header: ReactNode;
  footer: ReactNode;
  children: ReactNode;
};

export function ReportSheet({ className, ready, back, backText, help, exportDir, fileName, subject, caseId, header, footer, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className={`pc-print ${className ?? ''}`} data-testid="print-view" data-ready={ready ? 'true' : 'false'}>
      <div className="pc-print-toolbar pc-no-print">
        <Button icon="arrow-left" text={backText ?? t('cases.print.back')} onClick={() => (location.hash = back)} data-testid="print-back" />
        <span className={Classes.TEXT_MUTED}>{help ?? t('cases.print.help')}</span>
        <span className="pc-grow" />
        <SavePdf exportDir={exportDir} fileName={fileName} subject={subject} caseId={caseId} ready={ready} />
        <Button intent="primary" icon="print" text={t('cases.print.print')} disabled={!ready} onClick={() => window.print()} data-testid="print-button" />
      </div>
      <div className="pc-print-sheet">
        <header className="pc-print-header">
          <PrintTrainingMark />
          {header}
        </header>
        <footer className="pc-print-footer">
          <PrintTrainingMark />
          {footer}
        </footer>
        <table className="pc-print-frame">
          <thead>
            <tr>
              <td>
                <div className="pc-print-header-space" />
              </td>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="pc-print-content">
                <PrintTrainingMark band />
                {children}
              </td>
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <td>
                <div className="pc-print-footer-space" />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
