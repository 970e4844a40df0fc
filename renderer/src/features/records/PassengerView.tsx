// One traveller as API and PNR data describe them: who they are and the document they travel on, the
// flight the passenger list puts them on, each reservation with its itinerary in order (times in UTC),
// contacts, baggage and payment as recorded, who travels with them, and who else carries the same
// document number.
import { Classes, H3, H6, HTMLTable, Intent, Tag, Tooltip } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { flightDesignator, type PassengerRecord } from '../../../../shared/domain/records.ts';
import { TargetingBlock } from '../targeting/TargetingBlock.tsx';
import { Facts, Muted, NONE, RecordLink, Section, useRecordFormat, type OpenRecord } from './record-parts.tsx';

/** The core lists at most this many co-travellers and same-document records. */
const LIST_LIMIT = 200;

type Booking = PassengerRecord['bookings'][number];

export function PassengerView({ record: p, onOpen }: { record: PassengerRecord; onOpen: OpenRecord }) {
  const { t } = useTranslation();
  const f = useRecordFormat();
  const fullName = [p.surname, p.givenNames].filter(Boolean).join(', ');
  const code = (value: string | null) => value && <span className={Classes.MONOSPACE_TEXT}>{value}</span>;
  /** A code with its meaning where the app knows it: "CA (Cash)". */
  const coded = (group: string, value: string | null) => {
    if (!value) return null;
    const meaning = t(`records.passenger.${group}.${value}`, { defaultValue: '' });
    return meaning ? (
      <>
        {code(value)} <span className={Classes.TEXT_MUTED}>({meaning})</span>
      </>
    ) : (
      code(value)
    );
  };
  /** A leg of an itinerary is this person's flight when the passenger list puts them on it. */
  const onThisFlight = (s: Booking['segments'][number]) =>
    p.flights.some(
      (fl) =>
        flightDesignator(fl.carrierCode, fl.flightNumber) === flightDesignator(s.carrierCode, s.flightNumber) &&
        (fl.flightDate == null || s.departureAt == null || s.departureAt.startsWith(fl.flightDate)) &&
        (fl.destination == null || fl.destination === s.destination),
    );

  return (
    <div className="pc-record" data-testid="passenger-view">
      <header className="pc-record-head">
        <div className="pc-row">
          <H3 className="pc-record-id">{fullName}</H3>
          {p.crew && (
            <Tag intent={Intent.PRIMARY} icon="people" data-testid="passenger-crew">
              {t('records.passenger.crew')}
            </Tag>
          )}
          {p.nationality && (
            <Tag minimal size="large">
              {p.nationality}
            </Tag>
          )}
          {p.docValid === 0 && (
            <Tooltip content={t('records.passenger.mrzInvalidHelp')}>
              <Tag intent={Intent.DANGER} icon="error" data-testid="passenger-doc-invalid">
                {t('records.passenger.mrzInvalid')}
              </Tag>
            </Tooltip>
          )}
        </div>
        <Facts
          rows={[
            [t('records.passenger.born'), f.date(p.birthDate)],
            [t('records.passenger.sex'), p.sex && t(`records.passenger.sexValue.${p.sex}`, { defaultValue: p.sex })],
            [t('records.passenger.nationality'), code(p.nationality)],
          ]}
        />
      </header>

      <TargetingBlock entity="passenger" id={p.id} />

      <Section title={t('records.passenger.document')} testId="passenger-document">
        <Facts
          rows={[
            [t('records.passenger.docType'), coded('docTypeValue', p.docType)],
            [t('records.passenger.docNumber'), code(p.docNumber)],
            [t('records.passenger.docCountry'), code(p.docCountry)],
            [t('records.passenger.docExpiry'), f.date(p.docExpiry)],
            [
              t('records.passenger.mrz'),
              p.docValid === 1 ? (
                <Tag minimal intent={Intent.SUCCESS} icon="tick">
                  {t('records.passenger.mrzValid')}
                </Tag>
              ) : p.docValid === 0 ? (
                <Tooltip content={t('records.passenger.mrzInvalidHelp')}>
                  <Tag minimal intent={Intent.DANGER} icon="error">
                    {t('records.passenger.mrzInvalid')}
                  </Tag>
                </Tooltip>
              ) : (
                <span className={Classes.TEXT_MUTED}>{t('records.passenger.mrzUnchecked')}</span>
              ),
            ],
          ]}
        />
      </Section>

      <Section title={t('records.passenger.flights')} testId="passenger-flights">
        {p.flights.length === 0 ? (
          <Muted>{t('records.passenger.noFlights')}</Muted>
        ) : (
          <HTMLTable compact className="pc-record-table pc-record-narrow">
            <thead>
              <tr>
                <th>{t('records.passenger.flight')}</th>
                <th>{t('records.passenger.date')}</th>
                <th>{t('records.col.from')}</th>
                <th aria-hidden="true" />
                <th>{t('records.col.to')}</th>
              </tr>
            </thead>
            <tbody>
              {p.flights.map((fl) => (
                <tr key={fl.conveyanceId}>
                  <td className={Classes.MONOSPACE_TEXT}>{flightDesignator(fl.carrierCode, fl.flightNumber) ?? NONE}</td>
                  <td className="pc-nowrap">{f.date(fl.flightDate) ?? NONE}</td>
                  <td className={Classes.MONOSPACE_TEXT}>{fl.origin ?? NONE}</td>
                  <td aria-hidden="true">→</td>
                  <td className={Classes.MONOSPACE_TEXT}>{fl.destination ?? NONE}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
      </Section>

      <Section title={t('records.passenger.bookings')} testId="passenger-bookings">
        {p.bookings.length === 0 ? (
          <Muted>{t('records.passenger.noBookings')}</Muted>
        ) : (
          p.bookings.map((b) => (
            <div key={b.id} className="pc-booking" data-testid="passenger-booking" data-locator={b.recordLocator}>
              <H6 className="pc-booking-head">
                <span className={Classes.TEXT_MUTED}>{t('records.passenger.recordLocator')}</span>
                <span className={`${Classes.MONOSPACE_TEXT} pc-ml`}>{b.recordLocator}</span>
              </H6>
              <Facts
                rows={[
                  [t('records.passenger.carrier'), code(b.carrierCode)],
                  [t('records.passenger.booked'), b.bookingDate && <time dateTime={b.bookingDate}>{f.dateTime(b.bookingDate)}</time>],
                  [t('records.passenger.ticketed'), b.ticketingDate && <time dateTime={b.ticketingDate}>{f.dateTime(b.ticketingDate)}</time>],
                  [t('records.passenger.agency'), b.agency],
                  [t('records.passenger.payment'), coded('paymentForm', b.paymentForm)],
                  [
                    t('records.passenger.contacts'),
                    b.contacts.length === 0 ? null : (
                      <ul className="pc-record-list pc-plain-list" data-testid="booking-contacts">
                        {b.contacts.map((c, i) => (
                          <li key={i}>
                            <span className={Classes.TEXT_MUTED}>{t(`records.passenger.contactType.${c.type}`, { defaultValue: c.type })}:</span>{' '}
                            <span className={Classes.MONOSPACE_TEXT}>{c.value}</span>
                          </li>
                        ))}
                      </ul>
                    ),
                  ],
                  [
                    t('records.passenger.baggage'),
                    b.baggage.length === 0 ? null : (
                      <span className="pc-num">
                        {b.baggage.map((g) => t('records.passenger.bag', { pieces: f.number(g.pieces), weight: f.number(g.weightKg) })).join('; ')}
                      </span>
                    ),
                  ],
                ]}
              />
              {b.segments.length === 0 ? (
                <Muted>{t('records.passenger.noItinerary')}</Muted>
              ) : (
                <HTMLTable compact className="pc-record-table pc-itinerary" aria-label={t('records.passenger.itinerary')}>
                  <thead>
                    <tr>
                      <th className="pc-record-count">{t('records.passenger.leg')}</th>
                      <th>{t('records.passenger.flight')}</th>
                      <th>{t('records.col.from')}</th>
                      <th>{t('records.col.to')}</th>
                      <th>{t('records.passenger.departure')}</th>
                      <th>{t('records.passenger.arrival')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.segments.map((s) => {
                      const current = onThisFlight(s);
                      return (
                        <tr key={s.seq} data-testid="itinerary-segment" data-current={current || undefined} className={current ? 'pc-current-leg' : undefined}>
                          <td className="pc-num pc-record-count">{s.seq}</td>
                          <td className={Classes.MONOSPACE_TEXT}>
                            {flightDesignator(s.carrierCode, s.flightNumber) ?? NONE}
                            {current && (
                              <Tag minimal intent={Intent.PRIMARY} className="pc-ml">
                                {t('records.passenger.thisFlight')}
                              </Tag>
                            )}
                          </td>
                          <td className={Classes.MONOSPACE_TEXT}>{s.origin}</td>
                          <td className={Classes.MONOSPACE_TEXT}>{s.destination}</td>
                          <td className="pc-num pc-nowrap">{s.departureAt ? <time dateTime={s.departureAt}>{f.dateTime(s.departureAt)}</time> : NONE}</td>
                          <td className="pc-num pc-nowrap">{s.arrivalAt ? <time dateTime={s.arrivalAt}>{f.dateTime(s.arrivalAt)}</time> : NONE}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </HTMLTable>
              )}
            </div>
          ))
        )}
      </Section>

      <Section title={t('records.passenger.coTravellers')} testId="passenger-cotravellers">
        {p.coTravellers.length === 0 ? (
          <Muted>{t('records.passenger.noCoTravellers')}</Muted>
        ) : (
          <>
            {p.coTravellers.length >= LIST_LIMIT && <Muted>{t('records.passenger.listLimit', { limit: LIST_LIMIT })}</Muted>}
            <HTMLTable compact className="pc-record-table">
              <thead>
                <tr>
                  <th>{t('records.col.name')}</th>
                  <th>{t('records.passenger.born')}</th>
                  <th>{t('records.passenger.nationality')}</th>
                  <th>{t('records.passenger.onBookings')}</th>
                </tr>
              </thead>
              <tbody>
                {p.coTravellers.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <RecordLink to={{ kind: 'passenger', id: c.id }} onOpen={onOpen}>
                        {[c.surname, c.givenNames].filter(Boolean).join(', ')}
                      </RecordLink>
                    </td>
                    <td className="pc-nowrap">{f.date(c.birthDate) ?? NONE}</td>
                    <td className={Classes.MONOSPACE_TEXT}>{c.nationality ?? NONE}</td>
                    <td className={Classes.MONOSPACE_TEXT}>{c.recordLocators.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </HTMLTable>
          </>
        )}
      </Section>

      <Section title={t('records.passenger.sameDocument')} testId="passenger-same-document">
        {p.sameDocument.length === 0 ? (
          <Muted>{t('records.passenger.noSameDocument')}</Muted>
        ) : (
          <>
            <Muted>{t('records.passenger.sameDocumentHelp')}</Muted>
            {p.sameDocument.length >= LIST_LIMIT && <Muted>{t('records.passenger.listLimit', { limit: LIST_LIMIT })}</Muted>}
            <HTMLTable compact className="pc-record-table">
              <thead>
                <tr>
                  <th>{t('records.col.name')}</th>
                  <th>{t('records.passenger.born')}</th>
                  <th>{t('records.passenger.docCountry')}</th>
                  <th>{t('records.passenger.flight')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {p.sameDocument.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <RecordLink to={{ kind: 'passenger', id: o.id }} onOpen={onOpen}>
                        {[o.surname, o.givenNames].filter(Boolean).join(', ')}
                      </RecordLink>
                    </td>
                    <td className="pc-nowrap">{f.date(o.birthDate) ?? NONE}</td>
                    <td className={Classes.MONOSPACE_TEXT}>{o.docCountry ?? NONE}</td>
                    <td className={Classes.MONOSPACE_TEXT}>{o.flight ?? NONE}</td>
                    <td>
                      {o.sameIdentity ? (
                        <Tag minimal>{t('records.passenger.sameIdentity')}</Tag>
                      ) : (
                        <Tag minimal intent={Intent.WARNING} icon="warning-sign" data-testid="other-identity">
                          {t('records.passenger.otherIdentity')}
                        </Tag>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </HTMLTable>
          </>
        )}
      </Section>

      <Section title={t('records.provenance.title')}>
        <Facts
          rows={[
            [t('records.provenance.file'), p.source.file && <span className="pc-path">{p.source.file}</span>],
            [t('records.provenance.import'), p.source.importId == null ? null : `#${p.source.importId}`],
            [t('records.provenance.line'), p.source.line == null ? null : String(p.source.line)],
            [t('records.provenance.ref'), p.source.ref],
          ]}
        />
      </Section>
    </div>
  );
}
