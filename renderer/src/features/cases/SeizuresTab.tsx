// The case's seizures: those recorded on its hits and those recorded here, each with the CEN fields,
// the persons and companies involved and its photos; a new seizure, an edit, and its printed report.
import { Button, Card, Classes, H5, HTMLTable, NonIdealState } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseSeizure, CaseSeizureInput } from '../../../../shared/domain/cases.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { printSeizureHash } from './case-route.ts';
import { useCaseFormat } from './format.ts';
import { openRef } from './refs.ts';
import { SeizureForm } from './SeizureForm.tsx';
import { useLabels } from './useLabels.ts';

export function SeizuresTab({ c, onChanged, onOpen }: { c: CaseDetail; onChanged(): void; onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<CaseSeizure | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function save(s: CaseSeizureInput) {
    setBusy(true);
    setError(null);
    try {
      await api.call('cases.saveSeizure', { caseId: c.id, id: editing === 'new' || !editing ? null : editing.id, seizure: s });
      setEditing(null);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="pc-case-seizures">
      {editing ? (
        <Card className="pc-case-card">
          <H5>{editing === 'new' ? t('cases.seizures.newTitle') : t('cases.seizures.editTitle')}</H5>
          <SeizureForm c={c} seizure={editing === 'new' ? null : editing} busy={busy} onSave={(s) => void save(s)} onCancel={() => setEditing(null)} />
          <ErrorCallout error={error} />
        </Card>
      ) : (
        <Button intent="primary" icon="add" text={t('cases.seizures.new')} onClick={() => setEditing('new')} data-testid="seizure-new" />
      )}
      {c.seizures.length === 0 && !editing && <NonIdealState icon="confirm" title={t('cases.seizures.none')} description={t('cases.seizures.noneHelp')} />}
      {c.seizures.map((s) => (
        <SeizureCard key={s.id} c={c} s={s} onEdit={() => setEditing(s)} onOpen={onOpen} />
      ))}
    </div>
  );
}

function SeizureCard({ c, s, onEdit, onOpen }: { c: CaseDetail; s: CaseSeizure; onEdit(): void; onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const f = useCaseFormat();
  const involved = s.involved ?? [];
  const labels = useLabels([...involved.map((p) => `${p.kind}:${p.id}`), ...(s.entity && s.entityId ? [`${s.entity}:${s.entityId}`] : [])]);
  const photos = (s.photos ?? []).map((id) => c.attachments.find((a) => a.id === id)?.name ?? `#${id}`);
  const link = (kind: string, id: number) => (
    <button type="button" className="pc-record-link" onClick={() => openRef({ kind, id }, onOpen)}>
      {labels[`${kind}:${id}`] ?? `${t(`cases.kinds.${kind}`)} #${id}`}
    </button>
  );
  return (
    <Card className="pc-case-card" data-testid="seizure-card" data-seizure-id={s.id}>
      <div className="pc-row">
        <H5 className="pc-grow pc-no-margin">
          {f.number(s.quantity)} {t(`targeting.seizure.units.${s.unit}`)} · {s.commodity}{' '}
          <span className={Classes.TEXT_MUTED}>({t(`targeting.seizure.categories.${s.category}`)})</span>
        </H5>
        <Button small icon="edit" text={t('cases.seizures.edit')} onClick={onEdit} data-testid="seizure-edit" />
        <Button
          small
          icon="print"
          text={t('cases.seizures.report')}
          onClick={() => (location.hash = printSeizureHash(c.id, s.id))}
          data-testid="seizure-report"
        />
      </div>
      <HTMLTable compact className="pc-kv pc-wide">
        <tbody>
          <tr>
            <th>{t('targeting.seizure.concealment')}</th>
            <td>{t(`targeting.seizure.concealments.${s.concealment}`)}</td>
            <th>{t('targeting.seizure.detection')}</th>
            <td>{t(`targeting.seizure.detections.${s.detection}`)}</td>
          </tr>
          <tr>
            <th>{t('targeting.seizure.place')}</th>
            <td>{s.place || '—'}</td>
            <th>{t('targeting.seizure.date')}</th>
            <td>{f.day(s.date)}</td>
          </tr>
          <tr>
            <th>{t('cases.seizures.route')}</th>
            <td className="pc-mono">{s.route?.length ? s.route.join(' → ') : '—'}</td>
            <th>{t('cases.seizures.foundIn')}</th>
            <td>{s.entity && s.entityId ? link(s.entity, s.entityId) : '—'}</td>
          </tr>
          <tr>
            <th>{t('cases.seizures.involved')}</th>
            <td colSpan={3} data-testid="seizure-involved">
              {involved.length === 0
                ? '—'
                : involved.map((p, i) => (
                    <span key={`${p.kind}:${p.id}`}>
                      {i > 0 && ', '}
                      {link(p.kind, p.id)}
                      {p.role && <span className={Classes.TEXT_MUTED}> ({p.role})</span>}
                    </span>
                  ))}
            </td>
          </tr>
          {photos.length > 0 && (
            <tr>
              <th>{t('cases.seizures.photos')}</th>
              <td colSpan={3}>{photos.join(', ')}</td>
            </tr>
          )}
          {s.notes && (
            <tr>
              <th>{t('targeting.seizure.notes')}</th>
              <td colSpan={3}>{s.notes}</td>
            </tr>
          )}
        </tbody>
      </HTMLTable>
      <div className={Classes.TEXT_MUTED}>{t('cases.seizures.recordedBy', { by: s.createdBy, at: f.moment(s.createdAt) })}</div>
    </Card>
  );
}
