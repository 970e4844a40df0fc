// Times, dates, numbers and file sizes as the case screens and reports show them, in the UI's language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useCaseFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'hbs' ? 'hr' : 'en-GB';
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const parse = (iso: string | null | undefined) => (iso ? Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) : NaN);
    return {
      number: (v: number | null | undefined) => (v == null ? '—' : numbers.format(v)),
      moment: (iso: string | null | undefined) => {
        const ms = parse(iso);
        return Number.isNaN(ms) ? (iso ?? '—') : moment.format(ms);
      },
      day: (iso: string | null | undefined) => {
        const ms = parse(iso);
        return Number.isNaN(ms) ? (iso ?? '—') : day.format(ms);
      },
      size: (bytes: number) => {
        if (bytes < 1024) return `${numbers.format(bytes)} B`;
        if (bytes < 1024 * 1024) return `${numbers.format(bytes / 1024)} KB`;
        return `${numbers.format(bytes / 1024 / 1024)} MB`;
      },
    };
  }, [locale]);
}
