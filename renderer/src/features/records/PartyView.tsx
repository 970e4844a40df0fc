// One party: who and where it is, in which roles it appears and since when, its lanes and volume over time,
// whom it trades with, who else sits at its address, and its shipments.
import { Classes, H3, HTMLTable, Tag } from '@blueprintjs/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyRecord } from '../../../../shared/domain/records.ts';
import { Facts, Muted, NONE, RecordLink, Section, useRecordFormat, type OpenRecord } from './record-parts.tsx';

/** The core lists at most this many of a party's shipments (the latest). */
const SHIPMENT_LIMIT = 500;

export function PartyView({ record: p, onOpen }: { record: PartyRecord; onOpen: OpenRecord }) {
  const { t } = useTranslation();
  const f = useRecordFormat();
  const role = (r: string) => t(`records.role.${r}`, { defaultValue: r });

  return (
    <div className="pc-record" data-testid="party-view">
      <header className="pc-record-head">
        <div className="pc-row">
          <H3 className="pc-record-id">{p.name}</H3>
          {p.country && (
            <Tag minimal size="large">
              {p.country}
            </Tag>
          )}
        </div>
        <Facts
          rows={[
            [t('records.party.address'), p.address],
            [t('records.party.city'), p.city],
            [t('records.party.postcode'), p.postcode],
            [t('records.col.country'), p.country],
            [t('records.party.firstSeen'), f.date(p.firstSeen)],
            [t('records.party.lastSeen'), f.date(p.lastSeen)],
          ]}
        />
        {p.roles.length > 0 && (
          <div className="pc-row" aria-label={t('records.party.roles')} data-testid="party-roles">
            <span className={Classes.TEXT_MUTED}>{t('records.party.roles')}:</span>
            {p.roles.map((r) => (
              <Tag key={r.role} minimal data-role={r.role}>
                {role(r.role)}
                <span className="pc-ml pc-num">
                  <strong>{f.number(r.count)}</strong>
                </span>
              </Tag>
            ))}
          </div>
        )}
      </header>

      <Section title={t('records.party.volume')}>
        {p.volume.length === 0 ? <Muted>{t('records.party.noVolume')}</Muted> : <VolumeChart volume={p.volume} />}
      </Section>

      <Section title={t('records.party.lanes')}>
        {p.lanes.length === 0 ? (
          <Muted>{t('records.party.noShipments')}</Muted>
        ) : (
          <HTMLTable compact className="pc-record-table pc-record-narrow">
            <thead>
              <tr>
                <th>{t('records.col.from')}</th>
                <th aria-hidden="true" />
                <th>{t('records.col.to')}</th>
                <th className="pc-record-count">{t('records.col.shipments')}</th>
              </tr>
            </thead>
            <tbody>
              {p.lanes.map((l, i) => (
                <tr key={i}>
                  <td className={Classes.MONOSPACE_TEXT}>{l.from ?? NONE}</td>
                  <td aria-hidden="true">→</td>
                  <td className={Classes.MONOSPACE_TEXT}>{l.to ?? NONE}</td>
                  <td className="pc-num pc-record-count">{f.number(l.count)}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
      </Section>

      <Section title={t('records.party.counterparties')}>
        {p.counterparties.length === 0 ? (
          <Muted>{t('records.party.noCounterparties')}</Muted>
        ) : (
          <HTMLTable compact className="pc-record-table">
            <thead>
              <tr>
                <th>{t('records.col.name')}</th>
                <th>{t('records.col.country')}</th>
                <th>{t('records.party.theirRole')}</th>
                <th className="pc-record-count">{t('records.party.together')}</th>
              </tr>
            </thead>
            <tbody>
              {p.counterparties.map((c) => (
                <tr key={`${c.id}:${c.role}`}>
                  <td>
                    <RecordLink to={{ kind: 'party', id: c.id }} onOpen={onOpen}>
                      {c.name}
                    </RecordLink>
                  </td>
                  <td>{c.country ?? NONE}</td>
                  <td>{role(c.role)}</td>
                  <td className="pc-num pc-record-count">{f.number(c.count)}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
      </Section>

      <Section title={t('records.party.sameAddress')} testId="party-same-address">
        {p.sameAddress.length === 0 ? (
          <Muted>{t('records.party.noSameAddress')}</Muted>
        ) : (
          <ul className="pc-record-list">
            {p.sameAddress.map((o) => (
              <li key={o.id}>
                <RecordLink to={{ kind: 'party', id: o.id }} onOpen={onOpen}>
                  {o.name}
                </RecordLink>
                {o.country && <span className={`${Classes.TEXT_MUTED} pc-ml`}>{o.country}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('records.party.shipments')}>
        {p.shipments.length === 0 ? (
          <Muted>{t('records.party.noShipments')}</Muted>
        ) : (
          <>
            {p.shipments.length >= SHIPMENT_LIMIT && <Muted>{t('records.party.latestOnly', { limit: SHIPMENT_LIMIT })}</Muted>}
            <HTMLTable compact className="pc-record-table">
              <thead>
                <tr>
                  <th>{t('records.col.document')}</th>
                  <th>{t('records.col.role')}</th>
                  <th>{t('records.col.arrival')}</th>
                  <th>{t('records.col.from')}</th>
                  <th aria-hidden="true" />
                  <th>{t('records.col.to')}</th>
                </tr>
              </thead>
              <tbody>
                {p.shipments.map((s) => (
                  <tr key={`${s.id}:${s.role}`}>
                    <td>
                      <RecordLink to={{ kind: 'shipment', id: s.id }} onOpen={onOpen} mono>
                        {s.docNumber}
                      </RecordLink>
                    </td>
                    <td>{role(s.role)}</td>
                    <td className="pc-nowrap">{f.date(s.arrivalDate) ?? NONE}</td>
                    <td className={Classes.MONOSPACE_TEXT}>{s.placeLoading ?? NONE}</td>
                    <td aria-hidden="true">→</td>
                    <td className={Classes.MONOSPACE_TEXT}>{s.placeDischarge ?? NONE}</td>
                  </tr>
                ))}
              </tbody>
            </HTMLTable>
          </>
        )}
      </Section>
    </div>
  );
}

/** Every month from the first to the last (YYYY-MM), so that quiet months show as gaps; at most 20 years. */
function monthRange(first: string, last: string): string[] | null {
  const parse = (ym: string) => {
    const m = /^(\d{4})-(\d{2})$/.exec(ym);
    return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
  };
  const a = parse(first);
  const b = parse(last);
  if (a == null || b == null || b < a || b - a >= 240) return null;
  return Array.from({ length: b - a + 1 }, (_, i) => `${Math.floor((a + i) / 12)}-${String(((a + i) % 12) + 1).padStart(2, '0')}`);
}

/** Sizes in pixels; the chart is never narrower than its two month labels need. */
const CHART = { height: 72, label: 16, width: 560, maxBar: 32, minBar: 3, minWidth: 200 };

/** Shipments per month of arrival: one bar per month, each with a title that says the month and count. */
function VolumeChart({ volume }: { volume: PartyRecord['volume'] }) {
  const { t } = useTranslation();
  const f = useRecordFormat();
  const titleId = useId();
  const counts = new Map(volume.map((v) => [v.month, v.count]));
  const months = monthRange(volume[0]!.month, volume.at(-1)!.month) ?? volume.map((v) => v.month);
  const bars = months.map((month) => ({ month, count: counts.get(month) ?? 0 }));
  const max = Math.max(1, ...bars.map((b) => b.count));
  const peak = bars.reduce((a, b) => (b.count > a.count ? b : a));
  const gap = bars.length > 60 ? 1 : 2;
  const bar = Math.max(CHART.minBar, Math.min(CHART.maxBar, Math.floor(CHART.width / bars.length) - gap));
  const width = Math.max(CHART.minWidth, bars.length * (bar + gap));
  const height = CHART.height + CHART.label;

  return (
    <figure className="pc-volume" data-testid="party-volume">
      <svg role="img" aria-labelledby={titleId} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <title id={titleId}>{t('records.party.volume')}</title>
        {bars.map((b, i) => {
          const h = b.count === 0 ? 0 : Math.max(2, Math.round((b.count / max) * CHART.height));
          const x = i * (bar + gap);
          return (
            <g key={b.month} className="pc-volume-month" data-month={b.month} data-count={b.count}>
              <title>{t('records.party.volumeBar', { month: f.month(b.month), shipments: f.number(b.count) })}</title>
              <rect className="pc-volume-hit" x={x} y={0} width={bar + gap} height={CHART.height} />
              {h > 0 && <rect className="pc-volume-bar" x={x} y={CHART.height - h} width={bar} height={h} />}
            </g>
          );
        })}
        <line className="pc-volume-axis" x1={0} x2={width} y1={CHART.height + 0.5} y2={CHART.height + 0.5} />
        <text x={0} y={height - 3} textAnchor="start">
          {f.month(bars[0]!.month)}
        </text>
        {bars.length > 1 && (
          <text x={width} y={height - 3} textAnchor="end">
            {f.month(bars.at(-1)!.month)}
          </text>
        )}
      </svg>
      <figcaption className={Classes.TEXT_MUTED}>{t('records.party.volumePeak', { month: f.month(peak.month), shipments: f.number(peak.count) })}</figcaption>
    </figure>
  );
}
