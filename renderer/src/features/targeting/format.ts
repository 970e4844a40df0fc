// Numbers, rates and times as the Targeting screens show them, in the UI's language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useTargetingFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'hbs' ? 'hr' : 'en';
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      number: (v: number | null | undefined) => (v == null ? '—' : numbers.format(v)),
      /** A share (0–1) as a percentage; null when it cannot be known. */
      percent: (v: number | null | undefined) => (v == null ? '—' : percent.format(v)),
      /** A ratio such as a lift: 2.5×. */
      times: (v: number | null | undefined) => (v == null ? '—' : `${numbers.format(v)}×`),
      moment: (iso: string | null | undefined) => {
        if (!iso) return '—';
        const ms = Date.parse(iso);
        return Number.isNaN(ms) ? iso : moment.format(ms);
      },
    };
  }, [locale]);
}

/** Today as YYYY-MM-DD in UTC, and that day moved by some days. */
export function isoDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
