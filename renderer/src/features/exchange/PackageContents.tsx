// What else a received package holds besides records: the case (title, summary, notebook entries), its
// attachments (name, size and SHA-256, checked on receipt), seizures and charts.
import { Classes, H5, HTMLTable } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { PackagePreview } from '../../../../shared/domain/exchange.ts';
import { useCaseFormat } from '../cases/format.ts';
import { TlpBadge } from '../cases/Handling.tsx';

export function PackageContents({ preview: p }: { preview: PackagePreview }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  return (
    <>
      {p.case && (
        <section className="pc-package-section" data-testid="package-case">
          <H5>{t('exchange.preview.case')}</H5>
          <div className="pc-row">
            <TlpBadge tlp={p.case.tlp} />
            <b data-testid="package-case-title">{p.case.title}</b>
          </div>
          {p.case.summary && <p className="pc-message-body pc-mt">{p.case.summary}</p>}
          {p.case.notes.map((n) => (
            <div key={n.ref} className="pc-package-note" data-testid="package-note">
              <div className={`${Classes.TEXT_MUTED} pc-small`}>{t('exchange.preview.noteBy', { author: n.author, at: f.moment(n.at) })}</div>
              <div className="pc-message-body">{n.text}</div>
            </div>
          ))}
        </section>
      )}
      {p.attachments.length > 0 && (
        <section className="pc-package-section" data-testid="package-attachments">
          <H5>{t('exchange.preview.attachments')}</H5>
          <HTMLTable compact className="pc-table pc-wide">
            <tbody>
              {p.attachments.map((a) => (
                <tr key={a.ref}>
                  <td>{a.name}</td>
                  <td className="pc-num pc-nowrap">{f.size(a.size)}</td>
                  <td className="pc-mono pc-hash" title="SHA-256">
                    {a.sha256}
                  </td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        </section>
      )}
      {p.seizures.length > 0 && (
        <section className="pc-package-section" data-testid="package-seizures">
          <H5>{t('exchange.preview.seizures')}</H5>
          <HTMLTable compact className="pc-table pc-wide">
            <tbody>
              {p.seizures.map((s) => (
                <tr key={s.ref}>
                  <td>{s.commodity}</td>
                  <td className="pc-num">
                    {f.number(s.quantity)} {s.unit}
                  </td>
                  <td>{s.place}</td>
                  <td className="pc-nowrap">{f.day(s.date)}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        </section>
      )}
      {p.charts.length > 0 && (
        <section className="pc-package-section" data-testid="package-charts">
          <H5>{t('exchange.preview.charts')}</H5>
          <ul>
            {p.charts.map((c) => (
              <li key={c.ref}>{t('exchange.preview.chart', { name: c.name, count: c.nodes })}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
