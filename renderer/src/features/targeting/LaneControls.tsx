// Lane controls per office (the place of discharge or arrival; '*' for every office without its own):
// score thresholds for red, yellow and blue, the share of green records sent to a check at random, and
// the share each lane is expected to take. Each row is edited and saved on its own.
import { Button, Classes, HTMLTable, InputGroup, Intent } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneControl } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { LaneTag } from './LaneTag.tsx';
import { useLoad } from '../../components/useLoad.ts';

/** A row as typed: numbers as text, shares in percent. */
type RowDraft = { office: string; red: string; yellow: string; blue: string; randomRate: string; expRed: string; expYellow: string; expBlue: string };

const pct = (v: number) => String(Math.round(v * 10_000) / 100);
const toRow = (c: LaneControl): RowDraft => ({
  office: c.office,
  red: String(c.red),
  yellow: String(c.yellow),
  blue: String(c.blue),
  randomRate: pct(c.randomRate),
  expRed: pct(c.expected.red),
  expYellow: pct(c.expected.yellow),
  expBlue: pct(c.expected.blue),
});
const num = (s: string) => (s.trim() === '' ? NaN : Number(s.replace(',', '.')));

/** The control a row describes, or why it cannot be one. */
function fromRow(r: RowDraft): { control: LaneControl } | { problem: string } {
  const [red, yellow, blue] = [num(r.red), num(r.yellow), num(r.blue)];
  const shares = [r.randomRate, r.expRed, r.expYellow, r.expBlue].map((s) => num(s) / 100);
  if (!r.office.trim()) return { problem: 'office' };
  if (![red, yellow, blue].every((x) => Number.isFinite(x) && x >= 1)) return { problem: 'thresholds' };
  if (!(red > yellow && yellow > blue)) return { problem: 'order' };
  if (!shares.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)) return { problem: 'shares' };
  const [randomRate, er, ey, eb] = shares as [number, number, number, number];
  return { control: { office: r.office.trim().toUpperCase(), red, yellow, blue, randomRate, expected: { red: er, yellow: ey, blue: eb } } };
}

export function LaneControls() {
  const { t } = useTranslation();
  const load = useCallback(() => api.call('targeting.controls'), []);
  const controls = useLoad(load, []);
  const [adding, setAdding] = useState(false);
  const fallback = controls.data?.find((c) => c.office === '*');
  return (
    <div data-testid="lane-controls">
      <ErrorCallout error={controls.error} />
      <HTMLTable compact className="pc-table pc-controls-table">
        <thead>
          <tr>
            <th>{t('targeting.controls.office')}</th>
            <th>
              <LaneTag lane="red" minimal /> {t('targeting.controls.from')}
            </th>
            <th>
              <LaneTag lane="yellow" minimal /> {t('targeting.controls.from')}
            </th>
            <th>
              <LaneTag lane="blue" minimal /> {t('targeting.controls.from')}
            </th>
            <th>{t('targeting.controls.random')}</th>
            <th>{t('targeting.controls.expected')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {controls.data?.map((c) => (
            <ControlRow key={c.office} initial={toRow(c)} fixedOffice onSaved={controls.reload} />
          ))}
          {adding && fallback && (
            <ControlRow
              initial={{ ...toRow(fallback), office: '' }}
              fixedOffice={false}
              onSaved={() => {
                setAdding(false);
                controls.reload();
              }}
              onCancel={() => setAdding(false)}
            />
          )}
        </tbody>
      </HTMLTable>
      {!adding && (
        <Button
          className="pc-mt"
          icon="add"
          text={t('targeting.controls.addOffice')}
          onClick={() => setAdding(true)}
          disabled={!fallback}
          data-testid="control-add"
        />
      )}
    </div>
  );
}

function ControlRow({ initial, fixedOffice, onSaved, onCancel }: { initial: RowDraft; fixedOffice: boolean; onSaved(): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [row, setRow] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const parsed = fromRow(row);
  const changed = JSON.stringify(row) !== JSON.stringify(initial) || !fixedOffice;
  const cell = (k: keyof RowDraft, label: string, suffix?: string) => (
    <InputGroup
      className="pc-control-input"
      value={row[k]}
      onValueChange={(v) => {
        setSaved(false);
        setRow((r) => ({ ...r, [k]: v }));
      }}
      aria-label={label}
      rightElement={suffix ? <span className="pc-unit">{suffix}</span> : undefined}
      data-testid={`control-${k}`}
    />
  );
  async function save() {
    if (!('control' in parsed)) return;
    setError(null);
    try {
      await api.call('targeting.saveControl', parsed.control);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <>
      <tr data-testid="control-row" data-office={row.office}>
        <td>
          {fixedOffice ? (
            <strong className={Classes.MONOSPACE_TEXT} title={row.office === '*' ? t('targeting.controls.defaultOffice') : undefined}>
              {row.office === '*' ? t('targeting.controls.anyOffice') : row.office}
            </strong>
          ) : (
            cell('office', t('targeting.controls.office'))
          )}
        </td>
        <td>{cell('red', t('targeting.controls.threshold', { lane: t('targeting.lane.red') }))}</td>
        <td>{cell('yellow', t('targeting.controls.threshold', { lane: t('targeting.lane.yellow') }))}</td>
        <td>{cell('blue', t('targeting.controls.threshold', { lane: t('targeting.lane.blue') }))}</td>
        <td>{cell('randomRate', t('targeting.controls.random'), '%')}</td>
        <td>
          <span className="pc-row pc-nowrap pc-gap-small">
            {cell('expRed', t('targeting.controls.expectedFor', { lane: t('targeting.lane.red') }), '%')}
            {cell('expYellow', t('targeting.controls.expectedFor', { lane: t('targeting.lane.yellow') }), '%')}
            {cell('expBlue', t('targeting.controls.expectedFor', { lane: t('targeting.lane.blue') }), '%')}
          </span>
        </td>
        <td className="pc-nowrap">
          <Button
            size="small"
            intent={Intent.PRIMARY}
            icon="floppy-disk"
            text={t('common.save')}
            disabled={!changed || !('control' in parsed)}
            onClick={() => void save()}
            data-testid="control-save"
          />
          {onCancel && <Button size="small" variant="minimal" text={t('common.cancel')} onClick={onCancel} />}
          {saved && <span className={`${Classes.TEXT_MUTED} pc-ml`}>{t('common.saved')}</span>}
        </td>
      </tr>
      {(('problem' in parsed && changed) || error !== null) && (
        <tr>
          <td colSpan={7}>
            {'problem' in parsed && <span className="pc-error-text">{t(`targeting.controls.problem.${parsed.problem}`)}</span>}
            <ErrorCallout error={error} />
          </td>
        </tr>
      )}
    </>
  );
}
