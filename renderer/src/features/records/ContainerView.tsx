// One container: its number and whether the check digit holds, the shipments it travelled under, and its
// track-and-trace timeline with what looks wrong on it highlighted and explained.
import { Callout, Classes, H3, HTMLTable, Intent, Tag, Tooltip } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { TIMELINE_RULES, type ContainerRecord, type TimelineFlag } from '../../../../shared/domain/records.ts';
import { Facts, Muted, NONE, RecordLink, Section, useRecordFormat, type OpenRecord } from './record-parts.tsx';

/** Most serious first: a changed seal or an unannounced transshipment is a danger sign, the rest warnings. */
const FLAGS: readonly TimelineFlag[] = ['sealChanged', 'unexpectedTransshipment', 'gap', 'longDwell', 'shortDwell'];
const DANGER = new Set<TimelineFlag>(['sealChanged', 'unexpectedTransshipment']);
const intentOf = (flag: TimelineFlag) => (DANGER.has(flag) ? Intent.DANGER : Intent.WARNING);
const worst = (flags: readonly TimelineFlag[]) => (flags.some((f) => DANGER.has(f)) ? Intent.DANGER : Intent.WARNING);
const sorted = (flags: readonly TimelineFlag[]) => FLAGS.filter((f) => flags.includes(f));

/** A flag's name and what it means, with the thresholds filled in. */
function useFlagText() {
  const { t } = useTranslation();
  return {
    name: (flag: TimelineFlag) => t(`records.flag.${flag}`),
    help: (flag: TimelineFlag) =>
      t(`records.flagHelp.${flag}`, { days: flag === 'gap' ? TIMELINE_RULES.gapDays : TIMELINE_RULES.longDwellDays, hours: TIMELINE_RULES.shortDwellHours }),
  };
}

function FlagTag({ flag }: { flag: TimelineFlag }) {
  const text = useFlagText();
  return (
    <Tooltip
      content={
        <div className="pc-flag-tip">
          <strong>{text.name(flag)}</strong>
          <div>{text.help(flag)}</div>
        </div>
      }
    >
      <Tag intent={intentOf(flag)} icon={DANGER.has(flag) ? 'error' : 'warning-sign'} data-flag={flag}>
        {text.name(flag)}
      </Tag>
    </Tooltip>
  );
}

export function ContainerView({ record: c, onOpen }: { record: ContainerRecord; onOpen: OpenRecord }) {
  const { t } = useTranslation();
  const f = useRecordFormat();
  const text = useFlagText();
  const flagged = c.events.filter((e) => e.flags.length > 0);
  const present = sorted(flagged.flatMap((e) => e.flags));

  return (
    <div className="pc-record" data-testid="container-view">
      <header className="pc-record-head">
        <div className="pc-row">
          <H3 className={`${Classes.MONOSPACE_TEXT} pc-record-id`}>{c.number}</H3>
          {c.numberValid ? (
            <Tag minimal intent={Intent.SUCCESS} icon="tick">
              {t('records.container.valid')}
            </Tag>
          ) : (
            <Tooltip content={t('records.container.invalidHelp')}>
              <Tag intent={Intent.DANGER} icon="error" data-testid="container-invalid">
                {t('records.container.invalid')}
              </Tag>
            </Tooltip>
          )}
        </div>
        <Facts rows={[[t('records.col.sizeType'), c.sizeType && <span className={Classes.MONOSPACE_TEXT}>{c.sizeType}</span>]]} />
      </header>

      <Section title={t('records.container.shipments')}>
        {c.shipments.length === 0 ? (
          <Muted>{t('records.container.noShipments')}</Muted>
        ) : (
          <HTMLTable compact className="pc-record-table">
            <thead>
              <tr>
                <th>{t('records.col.document')}</th>
                <th>{t('records.col.from')}</th>
                <th>{t('records.col.to')}</th>
              </tr>
            </thead>
            <tbody>
              {c.shipments.map((s) => (
                <tr key={s.id}>
                  <td>
                    <RecordLink to={{ kind: 'shipment', id: s.id }} onOpen={onOpen} mono>
                      {s.docNumber}
                    </RecordLink>
                  </td>
                  <td className={Classes.MONOSPACE_TEXT}>{s.placeLoading ?? NONE}</td>
                  <td className={Classes.MONOSPACE_TEXT}>{s.placeDischarge ?? NONE}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
      </Section>

      <Section title={t('records.container.timeline')} testId="container-timeline">
        {c.events.length === 0 ? (
          <Muted>{t('records.container.noEvents')}</Muted>
        ) : (
          <>
            {present.length > 0 && (
              <Callout compact intent={worst(present)} icon="flag" className="pc-record-callout">
                {t('records.container.flagged', { flagged: flagged.length, total: c.events.length })}
              </Callout>
            )}
            <HTMLTable compact className="pc-record-table pc-timeline">
              <thead>
                <tr>
                  <th>{t('records.col.timeUtc')}</th>
                  <th>{t('records.col.event')}</th>
                  <th>{t('records.col.place')}</th>
                  <th>{t('records.col.conveyance')}</th>
                  <th>{t('records.col.seal')}</th>
                  <th>{t('records.col.flags')}</th>
                </tr>
              </thead>
              <tbody>
                {c.events.map((e) => {
                  const flags = sorted(e.flags);
                  return (
                    <tr
                      key={e.id}
                      data-testid="timeline-event"
                      data-flags={flags.length > 0 ? flags.join(' ') : undefined}
                      className={flags.length === 0 ? undefined : worst(flags) === Intent.DANGER ? 'pc-flagged-danger' : 'pc-flagged-warning'}
                    >
                      <td className="pc-num pc-nowrap">
                        <time dateTime={e.at}>{f.dateTime(e.at)}</time>
                      </td>
                      <td>{t(`records.event.${e.kind}`, { defaultValue: e.kind })}</td>
                      <td className={Classes.MONOSPACE_TEXT}>{e.place ?? NONE}</td>
                      <td>{e.conveyance ?? NONE}</td>
                      <td className={Classes.MONOSPACE_TEXT}>{e.seal ?? NONE}</td>
                      <td>
                        <div className="pc-row pc-tight">
                          {flags.map((flag) => (
                            <FlagTag key={flag} flag={flag} />
                          ))}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </HTMLTable>
            {present.length > 0 && (
              <dl className="pc-record-legend" aria-label={t('records.container.legend')}>
                {present.map((flag) => (
                  <div key={flag}>
                    <dt>
                      <Tag minimal intent={intentOf(flag)}>
                        {text.name(flag)}
                      </Tag>
                    </dt>
                    <dd>{text.help(flag)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </>
        )}
      </Section>
    </div>
  );
}
