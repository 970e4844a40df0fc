// The frame of a printed case document: the handling code and the grading system in a header and a
// footer that Chromium repeats on every printed page (fixed elements), with a table's repeating head and
// foot keeping the page's text clear of them. On screen: a sheet of paper with a toolbar above it.
import { Button, Classes } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/domain/cases.ts';
import { caseHash } from './case-route.ts';
import { useCaseFormat } from './format.ts';
import { TlpBadge } from './Handling.tsx';
import { SavePdf } from './SavePdf.tsx';
import './print.css';

/** `fileName`: the PDF's name in the exports folder (desktop app). */
type Props = { c: CaseDetail; kind: string; ready: boolean; back: string; exportDir: string; fileName: string; children: ReactNode };

export function PrintFrame({ c, kind, ready, back, exportDir, fileName, children }: Props) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const tlpKey = c.tlp.replace('+', '_');
  const grading = t('cases.print.grading', { system: t(`cases.gradingSystem.${c.grading}`) });
  return (
    <div className={`pc-print pc-print-tlp-${c.tlp.replace('+', '-').toLowerCase()}`} data-testid="print-view" data-ready={ready ? 'true' : 'false'}>
      <div className="pc-print-toolbar pc-no-print">
        <Button icon="arrow-left" text={t('cases.print.back')} onClick={() => (location.hash = back)} data-testid="print-back" />
        <span className={Classes.TEXT_MUTED}>{t('cases.print.help')}</span>
        <span className="pc-grow" />
        <SavePdf exportDir={exportDir} fileName={fileName} subject={`${c.reference} — ${kind}`} caseId={c.id} ready={ready} />
        <Button intent="primary" icon="print" text={t('cases.print.print')} disabled={!ready} onClick={() => window.print()} data-testid="print-button" />
      </div>
      <div className="pc-print-sheet">
        <header className="pc-print-header">
          <TlpBadge tlp={c.tlp} />
          <span className="pc-print-header-ref">
            {c.reference} · {kind}
          </span>
          <span className="pc-print-header-grading">{grading}</span>
        </header>
        <footer className="pc-print-footer">
          <TlpBadge tlp={c.tlp} />
          <span className="pc-print-footer-text">{t(`cases.tlpShort.${tlpKey}`)}</span>
          <span className="pc-print-footer-text">{grading}</span>
          <span className="pc-print-footer-printed">{t('cases.print.printed', { at: f.moment(new Date().toISOString()) })}</span>
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
              <td className="pc-print-content">{children}</td>
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

export const backToCase = (c: CaseDetail) => caseHash(c.id, 'summary');
