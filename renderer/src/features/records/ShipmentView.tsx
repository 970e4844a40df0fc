// One transport document as a whole: what it is and which version, who is named on it, the goods, the
// route the goods take (with a map drawn on a bundled basemap, see RouteMap), its containers, and the file
// and line it was read from.
import { Classes, H3, HTMLTable, Icon, Intent, Tag, Tooltip } from '@blueprintjs/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShipmentRecord } from '../../../../shared/domain/records.ts';
import { TargetingBlock } from '../targeting/TargetingBlock.tsx';
import { Facts, Muted, NONE, RecordLink, Section, useRecordFormat, type OpenRecord } from './record-parts.tsx';
import { RouteMap } from './RouteMap.tsx';

export function ShipmentView({ record: s, onOpen }: { record: ShipmentRecord; onOpen: OpenRecord }) {
  const { t } = useTranslation();
  const f = useRecordFormat();
  const joined = (...parts: (string | null)[]) => parts.filter((p) => p != null && p !== '').join(' ') || null;

  return (
    <div className="pc-record" data-testid="shipment-view">
      <header className="pc-record-head">
        <div className="pc-row">
          <H3 className={`${Classes.MONOSPACE_TEXT} pc-record-id`}>{s.docNumber}</H3>
          {s.docValid === 0 && (
            <Tooltip content={t('records.shipment.invalidHelp')}>
              <Tag intent={Intent.DANGER} icon="error" data-testid="doc-invalid">
                {t('records.invalid')}
              </Tag>
            </Tooltip>
          )}
        </div>
        <div className="pc-row pc-record-subhead">
          <Tag minimal>{t(`records.mode.${s.mode}`, { defaultValue: s.mode })}</Tag>
          <span>{t(`records.docType.${s.docType}`, { defaultValue: s.docType })}</span>
          {s.isHouse && <Tag minimal>{t('records.shipment.house')}</Tag>}
          {s.masterDocNumber && (
            <span>
              {t('fields.masterDocNumber')}: <span className={Classes.MONOSPACE_TEXT}>{s.masterDocNumber}</span>
            </span>
          )}
          <span className={Classes.TEXT_MUTED} data-testid="shipment-version">
            {t('records.shipment.version', { version: s.version, total: s.versions.length })}
          </span>
        </div>
        {s.versions.length > 1 && (
          <ol className="pc-record-versions" aria-label={t('records.shipment.versions')}>
            {s.versions.map((v) => (
              <li key={v.id}>
                {v.id === s.id ? (
                  <strong aria-current="true">{t('records.shipment.versionItem', { version: v.version })}</strong>
                ) : (
                  <RecordLink to={{ kind: 'shipment', id: v.id }} onOpen={onOpen}>
                    {t('records.shipment.versionItem', { version: v.version })}
                  </RecordLink>
                )}
                {v.source && <span className={`${Classes.TEXT_MUTED} pc-ml`}>{v.source}</span>}
              </li>
            ))}
          </ol>
        )}
      </header>

      <TargetingBlock entity="shipment" id={s.id} />

      <Section title={t('records.shipment.parties')}>
        {s.parties.length === 0 ? (
          <Muted>{t('records.shipment.noParties')}</Muted>
        ) : (
          <HTMLTable compact className="pc-record-table">
            <thead>
              <tr>
                <th>{t('records.col.role')}</th>
                <th>{t('records.col.name')}</th>
                <th>{t('records.col.country')}</th>
              </tr>
            </thead>
            <tbody>
              {s.parties.map((p) => (
                <tr key={`${p.role}:${p.id}`}>
                  <td>{t(`records.role.${p.role}`, { defaultValue: p.role })}</td>
                  <td>
                    <RecordLink to={{ kind: 'party', id: p.id }} onOpen={onOpen}>
                      {p.name}
                    </RecordLink>
                  </td>
                  <td>{p.country ?? NONE}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
      </Section>

      <Section title={t('records.shipment.goods')}>
        <p className="pc-record-goods">{s.goodsDescription ?? NONE}</p>
        {s.hsCodes.length > 0 && (
          <div className="pc-row">
            <span className={Classes.TEXT_MUTED}>{t('fields.hsCodes')}:</span>
            {s.hsCodes.map((code) => (
              <Tag key={code} minimal className={Classes.MONOSPACE_TEXT}>
                {code}
              </Tag>
            ))}
          </div>
        )}
        <Facts
          rows={[
            [t('fields.packages'), joined(f.number(s.packages), s.packageType)],
            [t('fields.grossWeightKg'), f.number(s.grossWeightKg)],
            [t('fields.volumeM3'), f.number(s.volumeM3)],
            [t('fields.declaredValue'), s.declaredValue == null ? null : joined(f.money(s.declaredValue), s.currency)],
            [t('fields.freightTerms'), s.freightTerms && t(`records.freight.${s.freightTerms}`, { defaultValue: s.freightTerms })],
          ]}
        />
      </Section>

      <Section title={t('records.shipment.route')}>
        {s.route.length === 0 ? (
          <Muted>{t('records.shipment.noRoute')}</Muted>
        ) : (
          <ol className="pc-route" data-testid="shipment-route">
            {s.route.map((stop, i) => (
              <Fragment key={`${i}:${stop.place}`}>
                {i > 0 && (
                  <li className="pc-route-arrow" aria-hidden="true">
                    <Icon icon="arrow-right" />
                  </li>
                )}
                <li className="pc-route-stop" data-role={stop.role}>
                  <span className={`${Classes.TEXT_MUTED} pc-route-role`}>{t(`records.place.${stop.role}`)}</span>
                  <Tag
                    size="large"
                    minimal
                    intent={stop.role === 'loading' || stop.role === 'discharge' ? Intent.PRIMARY : Intent.NONE}
                    className={Classes.MONOSPACE_TEXT}
                  >
                    {stop.place}
                  </Tag>
                </li>
              </Fragment>
            ))}
          </ol>
        )}
        {s.route.length > 0 && <RouteMap route={s.route} />}
        <Facts
          rows={[
            [t('fields.departureDate'), f.date(s.departureDate)],
            [t('fields.arrivalDate'), f.date(s.arrivalDate)],
            [t('records.shipment.conveyance'), s.conveyance],
            [t('fields.voyage'), s.voyage],
          ]}
        />
      </Section>

      <Section title={t('records.shipment.containers')}>
        {s.containers.length === 0 ? (
          <Muted>{t('records.shipment.noContainers')}</Muted>
        ) : (
          <HTMLTable compact className="pc-record-table">
            <thead>
              <tr>
                <th>{t('records.col.number')}</th>
                <th>{t('records.col.sizeType')}</th>
                <th>{t('records.col.seals')}</th>
              </tr>
            </thead>
            <tbody>
              {s.containers.map((c) => (
                <tr key={c.id}>
                  <td>
                    <div className="pc-row">
                      <RecordLink to={{ kind: 'container', id: c.id }} onOpen={onOpen} mono>
                        {c.number}
                      </RecordLink>
                      {!c.numberValid && (
                        <Tooltip content={t('records.container.invalidHelp')}>
                          <Tag intent={Intent.DANGER} minimal icon="error">
                            {t('records.container.invalid')}
                          </Tag>
                        </Tooltip>
                      )}
                    </div>
                  </td>
                  <td className={Classes.MONOSPACE_TEXT}>{c.sizeType ?? NONE}</td>
                  <td className={Classes.MONOSPACE_TEXT}>{c.seals.length > 0 ? c.seals.join(', ') : NONE}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
      </Section>

      <Section title={t('records.provenance.title')}>
        <Facts
          rows={[
            [t('records.provenance.file'), s.source.file && <span className="pc-path">{s.source.file}</span>],
            [t('records.provenance.import'), s.source.importId == null ? null : `#${s.source.importId}`],
            [t('records.provenance.line'), s.source.line == null ? null : String(s.source.line)],
            [t('records.provenance.ref'), s.source.ref],
          ]}
        />
      </Section>
    </div>
  );
}
