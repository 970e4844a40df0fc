// The frame of a printed case document: the handling code and the grading system in the header and the
// footer of every printed page (see ReportSheet).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/domain/cases.ts';
import { caseHash } from './case-route.ts';
import { useCaseFormat } from './format.ts';
import { TlpBadge } from './Handling.tsx';
import { ReportSheet } from './ReportSheet.tsx';

/** `fileName`: the PDF's name in the exports folder (desktop app). */
type Props = { c: CaseDetail; kind: string; ready: boolean; back: string; exportDir: string; fileName: string; children: ReactNode };

export function PrintFrame({ c, kind, ready, back, exportDir, fileName, children }: Props) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const tlpKey = c.tlp.replace('+', '_');
  const grading = t('cases.print.grading', { system: t(`cases.gradingSystem.${c.grading}`) });
  return (
    <ReportSheet
      className={`pc-print-tlp-${c.tlp.replace('+', '-').toLowerCase()}`}
      ready={ready}
      back={back}
      exportDir={exportDir}
      fileName={fileName}
      subject={`${c.reference} — ${kind}`}
      caseId={c.id}
      header={
        <>
          <TlpBadge tlp={c.tlp} />
          <span className="pc-print-header-ref">
            {c.reference} · {kind}
          </span>
          <span className="pc-print-header-grading">{grading}</span>
        </>
      }
      footer={
        <>
          <TlpBadge tlp={c.tlp} />
          <span className="pc-print-footer-text">{t(`cases.tlpShort.${tlpKey}`)}</span>
          <span className="pc-print-footer-text">{grading}</span>
          <span className="pc-print-footer-printed">{t('cases.print.printed', { at: f.moment(new Date().toISOString()) })}</span>
        </>
      }
    >
      {children}
    </ReportSheet>
  );
}

export const backToCase = (c: CaseDetail) => caseHash(c.id, 'summary');
