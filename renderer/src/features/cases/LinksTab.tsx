// The records linked to the case: each opens where it lives (record drawer, review queue, graph), with
// the note and grade given when it was linked; link more (found by name or number, or a saved chart) or unlink.
import { Button, Classes, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, HTMLTable, Icon, InputGroup, NonIdealState, Tag } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseLink, CaseLinkKind, Grade } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useLoad } from '../../components/useLoad.ts';
import type { RecordRef } from '../records/record-ref.ts';
import { useCaseFormat } from './format.ts';
import { GradePicker, GradeTag } from './Handling.tsx';
import { RECORD_ICONS, RecordFinder, type FoundRecord } from './RecordFinder.tsx';
import { canOpen, openRef } from './refs.ts';

export function LinksTab({ c, onChanged, onOpen }: { c: CaseDetail; onChanged(): void; onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function unlink(l: CaseLink) {
    if (!window.confirm(t('cases.links.confirmUnlink', { label: l.label }))) return;
    try {
      await api.call('cases.unlink', { caseId: c.id, linkId: l.id });
      onChanged();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="pc-case-links">
      <div className="pc-row pc-mb">
        <Button icon="add" text={t('cases.links.add')} onClick={() => setAdding(true)} data-testid="links-add" />
        <span className={Classes.TEXT_MUTED}>{t('cases.links.help')}</span>
      </div>
      <ErrorCallout error={error} />
      {c.links.length === 0 ? (
        <NonIdealState icon="link" title={t('cases.links.none')} description={t('cases.links.noneHelp')} />
      ) : (
        <HTMLTable compact striped className="pc-table pc-wide" data-testid="links-table">
          <thead>
            <tr>
              <th>{t('cases.links.kind')}</th>
              <th>{t('cases.links.record')}</th>
              <th>{t('cases.links.note')}</th>
              <th>{t('cases.grade.label')}</th>
              <th>{t('cases.links.added')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {c.links.map((l) => (
              <tr key={l.id} data-testid="link-row" data-ref={`${l.kind}:${l.refId}`}>
                <td className="pc-nowrap">
                  <Icon icon={RECORD_ICONS[l.kind] ?? 'link'} className="pc-mr" />
                  {t(`cases.kinds.${l.kind}`)}
                </td>
                <td>
                  {canOpen(l.kind) ? (
                    <button type="button" className="pc-record-link" onClick={() => openRef({ kind: l.kind, id: l.refId }, onOpen)} data-testid="link-open">
                      {l.label}
                    </button>
                  ) : (
                    l.label
                  )}
                </td>
                <td>{l.note}</td>
                <td>
                  <GradeTag grade={l.grade} system={c.grading} />
                </td>
                <td className={Classes.TEXT_MUTED}>
                  {f.moment(l.addedAt)} · {l.addedBy}
                </td>
                <td>
                  <Button
                    small
                    variant="minimal"
                    icon="cross"
                    title={t('cases.links.unlink')}
                    aria-label={t('cases.links.unlink')}
                    onClick={() => void unlink(l)}
                    data-testid="link-unlink"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      {adding && (
        <LinkDialog
          c={c}
          onClose={() => setAdding(false)}
          onLinked={() => {
            setAdding(false);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function LinkDialog({ c, onClose, onLinked }: { c: CaseDetail; onClose(): void; onLinked(): void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<FoundRecord[]>([]);
  const [chartId, setChartId] = useState('');
  const [note, setNote] = useState('');
  const [grade, setGrade] = useState<Grade | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const charts = useLoad(
    useCallback(() => api.call('graph.charts'), []),
    ['graph_chart'],
  );
  const items: { kind: CaseLinkKind; refId: number; note: string; grade: Grade | null }[] = [
    ...picked.map((r) => ({ kind: r.kind as CaseLinkKind, refId: r.refId, note, grade })),
    ...(chartId ? [{ kind: 'chart' as const, refId: Number(chartId), note, grade }] : []),
  ];
  async function link() {
    setBusy(true);
    setError(null);
    try {
      await api.call('cases.link', { caseId: c.id, items });
      onLinked();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Dialog isOpen onClose={onClose} title={t('cases.links.addTitle')} icon="link" className="pc-case-dialog">
      <DialogBody>
        <RecordFinder
          autoFocus
          picked={picked.map((r) => r.id)}
          onPick={(r) => setPicked((old) => (old.some((x) => x.id === r.id) ? old.filter((x) => x.id !== r.id) : [...old, r]))}
        />
        {picked.length > 0 && (
          <div className="pc-row pc-mt" data-testid="links-picked">
            {picked.map((r) => (
              <Tag key={r.id} icon={RECORD_ICONS[r.kind]} onRemove={() => setPicked((old) => old.filter((x) => x.id !== r.id))}>
                {r.label}
              </Tag>
            ))}
          </div>
        )}
        <FormGroup label={t('cases.links.chart')} labelFor="link-chart" className="pc-mt">
          <HTMLSelect id="link-chart" fill value={chartId} onChange={(e) => setChartId(e.currentTarget.value)} data-testid="links-chart">
            <option value="">{t('cases.links.noChart')}</option>
            {charts.data?.map((ch) => (
              <option key={ch.id} value={ch.id}>
                {ch.name}
              </option>
            ))}
          </HTMLSelect>
        </FormGroup>
        <FormGroup label={t('cases.links.note')} labelFor="link-note">
          <InputGroup id="link-note" value={note} onValueChange={setNote} placeholder={t('cases.links.notePlaceholder')} data-testid="links-note" />
        </FormGroup>
        <FormGroup label={t('cases.grade.label')}>
          <GradePicker value={grade} system={c.grading} onChange={setGrade} />
        </FormGroup>
        <ErrorCallout error={error} />
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={t('common.cancel')} onClick={onClose} />
            <Button
              intent="primary"
              icon="link"
              text={t('cases.links.linkCount', { count: items.length })}
              disabled={busy || items.length === 0}
              onClick={() => void link()}
              data-testid="links-confirm"
            />
          </>
        }
      />
    </Dialog>
  );
}
