// How the Training screens and debriefs write scores, shares and schemes, in the UI's language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Score } from '../../../../shared/domain/training.ts';

export function useTrainingFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'hbs' ? 'hr' : 'en-GB';
  return useMemo(() => {
    const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const percent = (x: number) => `${Math.round(x * 100)}%`;
    return {
      total: (x: number) => one.format(x),
      percent,
      /** Precision as "2/3 (67%)": correct selections out of those that count (not late). */
      precision: (s: Score) => `${s.truePositives}/${s.truePositives + s.falseAlarms} (${percent(s.precision)})`,
      /** Recall as "2/6 (33%)": hidden records found out of all. */
      recall: (s: Score) => `${s.truePositives}/${s.truePositives + s.missed.length} (${percent(s.recall)})`,
      f1: (x: number) => x.toFixed(2),
      minutes: (m: number | null) => (m == null ? '—' : t('training.minutes', { minutes: one.format(m) })),
      moment: (iso: string | null) => (iso ? moment.format(Date.parse(iso)) : '—'),
      size: (bytes: number) => (bytes < 1024 * 1024 ? `${one.format(bytes / 1024)} KB` : `${one.format(bytes / 1024 / 1024)} MB`),
      /** A scheme's name as people say it (the generator's name where the app has none). */
      scheme: (name: string | null) => (name ? t(`training.schemes.${name}`, { defaultValue: name }) : '—'),
    };
  }, [t, locale]);
}
