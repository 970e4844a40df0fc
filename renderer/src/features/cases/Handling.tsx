// The handling code and the grading, as every case screen and printed page shows them: the TLP label in
// its colour on black (TLP 2.0 labels are never translated), and a grade such as "B2" beside what it grades.
import { HTMLSelect, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { GRADES, TLP, type Grade, type GradingSystem, type Tlp } from '../../../../shared/domain/cases.ts';

export const tlpClass = (tlp: Tlp) => `pc-tlp pc-tlp-${tlp.replace('+', '-').toLowerCase()}`;

export function TlpBadge({ tlp, large }: { tlp: Tlp; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={`${tlpClass(tlp)}${large ? ' pc-tlp-large' : ''}`}
      title={t(`cases.tlpMeaning.${tlp.replace('+', '_')}`)}
      data-testid="tlp-badge"
      data-tlp={tlp}
    >
      TLP:{tlp}
    </span>
  );
}

export function gradeText(grade: Grade | null | undefined): string {
  return grade ? `${grade.source}${grade.information}` : '';
}

/** "B2", with what it means (for the case's grading system) on hover. */
export function GradeTag({ grade, system }: { grade: Grade | null | undefined; system: GradingSystem }) {
  const { t } = useTranslation();
  if (!grade) return null;
  const title = t('cases.grade.meaning', {
    source: t(`cases.grade.${system}.source.${grade.source}`, { defaultValue: grade.source }),
    information: t(`cases.grade.${system}.information.${grade.information}`, { defaultValue: grade.information }),
  });
  return (
    <Tag minimal className="pc-grade" title={title} data-testid="grade-tag">
      {gradeText(grade)}
    </Tag>
  );
}

/** Source and information for the case's grading system, or ungraded. */
export function GradePicker({ value, system, onChange, id }: { value: Grade | null; system: GradingSystem; onChange(g: Grade | null): void; id?: string }) {
  const { t } = useTranslation();
  const scale = GRADES[system];
  return (
    <span className="pc-row pc-nowrap pc-grade-picker" id={id}>
      <HTMLSelect
        value={value?.source ?? ''}
        aria-label={t('cases.grade.source')}
        onChange={(e) => {
          const source = e.currentTarget.value;
          onChange(source ? { source, information: value?.information ?? scale.information.at(-1)! } : null);
        }}
        data-testid="grade-source"
      >
        <option value="">{t('cases.grade.ungraded')}</option>
        {scale.source.map((s) => (
          <option key={s} value={s}>
            {s} — {t(`cases.grade.${system}.source.${s}`)}
          </option>
        ))}
      </HTMLSelect>
      <HTMLSelect
        value={value?.information ?? ''}
        disabled={!value}
        aria-label={t('cases.grade.information')}
        onChange={(e) => value && onChange({ ...value, information: e.currentTarget.value })}
        data-testid="grade-information"
      >
        {!value && <option value="">—</option>}
        {scale.information.map((s) => (
          <option key={s} value={s}>
            {s} — {t(`cases.grade.${system}.information.${s}`)}
          </option>
        ))}
      </HTMLSelect>
    </span>
  );
}

export function TlpSelect({ value, onChange, id }: { value: Tlp; onChange(tlp: Tlp): void; id?: string }) {
  const { t } = useTranslation();
  return (
    <HTMLSelect id={id} fill value={value} onChange={(e) => onChange(e.currentTarget.value as Tlp)} data-testid="case-tlp">
      {TLP.map((x) => (
        <option key={x} value={x}>
          TLP:{x} — {t(`cases.tlpShort.${x.replace('+', '_')}`)}
        </option>
      ))}
    </HTMLSelect>
  );
}
