// Small parts the three record views share: links to other records, section headings, key-value facts and
// formatting in the UI's language (dates as recorded, in UTC, so a day never shifts with the time zone).
import { Classes, H5, HTMLTable } from '@blueprintjs/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordRef } from './record-ref.ts';

/** Shown where a value is missing. */
export const NONE = '—';

export type OpenRecord = (ref: RecordRef) => void;

/** A link to another record: a button (the address hash is the app's navigation, so no `href`). */
export function RecordLink({ to, onOpen, mono, children }: { to: RecordRef; onOpen: OpenRecord; mono?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      className={mono ? `pc-record-link ${Classes.MONOSPACE_TEXT}` : 'pc-record-link'}
      data-testid="record-link"
      data-ref={`${to.kind}:${to.id}`}
      onClick={() => onOpen(to)}
    >
      {children}
    </button>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="pc-record-section" data-testid={testId}>
      <H5>{title}</H5>
      {children}
    </section>
  );
}

/** Label/value rows; a missing (null or empty) value shows as a dash. */
export function Facts({ rows }: { rows: [label: string, value: ReactNode][] }) {
  return (
    <HTMLTable compact className="pc-kv pc-record-facts">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th>{label}</th>
            <td>{value == null || value === '' ? NONE : value}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <p className={Classes.TEXT_MUTED}>{children}</p>;
}

export function useRecordFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'hbs' ? 'hr' : 'en';
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    const monthYear = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    /** What cannot be read as a date is shown as written. */
    const show = (f: Intl.DateTimeFormat, iso: string) => {
      const ms = Date.parse(iso);
      return Number.isNaN(ms) ? iso : f.format(ms);
    };
    return {
      number: (v: number | null) => (v == null ? null : numbers.format(v)),
      money: (v: number | null) => (v == null ? null : money.format(v)),
      /** A date (YYYY-MM-DD). */
      date: (iso: string | null) => (iso == null ? null : show(day, iso)),
      dateTime: (iso: string) => show(moment, iso),
      /** A month given as YYYY-MM. */
      month: (ym: string) => show(monthYear, `${ym}-01`),
    };
  }, [locale]);
}
