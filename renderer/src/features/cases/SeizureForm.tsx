// A seizure as a CEN record carries it: commodity category and type, quantity and unit, concealment and
// detection, place, date and route, the persons and companies involved (found by name), the case's
// photos of it, and the shipment or passenger it was found in. Lists are the shared taxonomy.
import { Button, Checkbox, FormGroup, HTMLSelect, InputGroup, Intent, TagInput, TextArea } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseSeizureSchema, type CaseDetail, type CaseSeizure, type CaseSeizureInput } from '../../../../shared/domain/cases.ts';
import { COMMODITY_CATEGORIES, CONCEALMENT, DETECTION } from '../../../../shared/domain/targeting.ts';
import { isImage } from './attachments.ts';
import { RecordFinder } from './RecordFinder.tsx';
import { useLabels } from './useLabels.ts';

const UNITS = CaseSeizureSchema.shape.unit.options;
type Involved = NonNullable<CaseSeizureInput['involved']>[number];
type Form = Omit<Required<CaseSeizureInput>, 'quantity'> & { quantity: string };

const today = () => new Date().toISOString().slice(0, 10);

function formOf(s: CaseSeizure | null, c: CaseDetail): Form {
  const found = c.links.find((l) => l.kind === 'shipment' || l.kind === 'passenger');
  return {
    category: s?.category ?? 'drugs',
    commodity: s?.commodity ?? '',
    quantity: s ? String(s.quantity) : '',
    unit: s?.unit ?? 'kg',
    concealment: s?.concealment ?? 'in_goods',
    detection: s?.detection ?? 'risk_profile',
    place: s?.place ?? '',
    date: s?.date ?? today(),
    route: s?.route ?? [],
    involved: s?.involved ?? [],
    photos: s?.photos ?? [],
    entity: s ? (s.entity ?? null) : ((found?.kind as 'shipment' | 'passenger' | undefined) ?? null),
    entityId: s ? (s.entityId ?? null) : (found?.refId ?? null),
    notes: s?.notes ?? '',
  };
}

export function SeizureForm({
  c,
  seizure,
  busy,
  onSave,
  onCancel,
}: {
  c: CaseDetail;
  seizure: CaseSeizure | null;
  busy: boolean;
  onSave(s: CaseSeizureInput): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [s, setS] = useState<Form>(() => formOf(seizure, c));
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setS((old) => ({ ...old, [k]: v }));
  const quantity = Number(s.quantity.replace(',', '.'));
  const valid = s.commodity.trim() !== '' && Number.isFinite(quantity) && quantity > 0 && /^\d{4}-\d{2}-\d{2}$/.test(s.date);
  const labels = useLabels(s.involved.map((p) => `${p.kind}:${p.id}`));
  const foundIn = c.links.filter((l) => l.kind === 'shipment' || l.kind === 'passenger');
  const photos = c.attachments.filter((a) => isImage(a.mediaType));
  const setInvolved = (i: number, p: Involved | null) =>
    set('involved', p ? s.involved.map((x, j) => (j === i ? p : x)) : s.involved.filter((_, j) => j !== i));

  return (
    <form
      className="pc-case-seizure-form"
      data-testid="case-seizure-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onSave({ ...s, commodity: s.commodity.trim(), quantity, place: s.place.trim() });
      }}
    >
      <div className="pc-form-grid">
        <FormGroup label={t('targeting.seizure.category')} labelFor="cs-category">
          <HTMLSelect
            id="cs-category"
            fill
            value={s.category}
            onChange={(e) => set('category', e.currentTarget.value as Form['category'])}
            options={COMMODITY_CATEGORIES.map((x) => ({ value: x, label: t(`targeting.seizure.categories.${x}`) }))}
            data-testid="cs-category"
          />
        </FormGroup>
        <FormGroup label={t('cases.seizures.commodity')} labelFor="cs-commodity" labelInfo={t('cases.required')}>
          <InputGroup
            id="cs-commodity"
            value={s.commodity}
            placeholder={t('targeting.seizure.commodityPlaceholder')}
            onValueChange={(v) => set('commodity', v)}
            data-testid="cs-commodity"
          />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.quantity')} labelFor="cs-quantity" labelInfo={t('cases.required')}>
          <div className="pc-row pc-nowrap pc-qty">
            <InputGroup id="cs-quantity" inputMode="decimal" value={s.quantity} onValueChange={(v) => set('quantity', v)} data-testid="cs-quantity" />
            <HTMLSelect
              value={s.unit}
              aria-label={t('targeting.seizure.unit')}
              onChange={(e) => set('unit', e.currentTarget.value as Form['unit'])}
              options={UNITS.map((u) => ({ value: u, label: t(`targeting.seizure.units.${u}`) }))}
              data-testid="cs-unit"
            />
          </div>
        </FormGroup>
        <FormGroup label={t('targeting.seizure.concealment')} labelFor="cs-concealment">
          <HTMLSelect
            id="cs-concealment"
            fill
            value={s.concealment}
            onChange={(e) => set('concealment', e.currentTarget.value as Form['concealment'])}
            options={CONCEALMENT.map((x) => ({ value: x, label: t(`targeting.seizure.concealments.${x}`) }))}
            data-testid="cs-concealment"
          />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.detection')} labelFor="cs-detection">
          <HTMLSelect
            id="cs-detection"
            fill
            value={s.detection}
            onChange={(e) => set('detection', e.currentTarget.value as Form['detection'])}
            options={DETECTION.map((x) => ({ value: x, label: t(`targeting.seizure.detections.${x}`) }))}
            data-testid="cs-detection"
          />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.place')} labelFor="cs-place">
          <InputGroup id="cs-place" value={s.place} placeholder="MEBAR" onValueChange={(v) => set('place', v)} data-testid="cs-place" />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.date')} labelFor="cs-date">
          <InputGroup id="cs-date" type="date" value={s.date} onValueChange={(v) => set('date', v)} data-testid="cs-date" />
        </FormGroup>
        <FormGroup label={t('cases.seizures.foundIn')} labelFor="cs-entity">
          <HTMLSelect
            id="cs-entity"
            fill
            value={s.entity && s.entityId ? `${s.entity}:${s.entityId}` : ''}
            onChange={(e) => {
              const [kind, id] = e.currentTarget.value.split(':');
              setS((old) => ({ ...old, entity: (kind as Form['entity']) || null, entityId: id ? Number(id) : null }));
            }}
            data-testid="cs-entity"
          >
            <option value="">{t('cases.seizures.foundInNone')}</option>
            {foundIn.map((l) => (
              <option key={l.id} value={`${l.kind}:${l.refId}`}>
                {t(`cases.kinds.${l.kind}`)} {l.label}
              </option>
            ))}
          </HTMLSelect>
        </FormGroup>
      </div>
      <FormGroup label={t('cases.seizures.route')} labelFor="cs-route" helperText={t('cases.seizures.routeHelp')}>
        <TagInput
          inputProps={{ id: 'cs-route' }}
          values={s.route}
          addOnBlur
          separator={/[,;\s→>-]+/}
          onChange={(v) =>
            set(
              'route',
              (v as string[]).map((x) => x.trim().toUpperCase()).filter((x) => x.length >= 2 && x.length <= 10),
            )
          }
          data-testid="cs-route"
        />
      </FormGroup>
      <FormGroup label={t('cases.seizures.involved')}>
        {s.involved.map((p, i) => (
          <div key={`${p.kind}:${p.id}`} className="pc-row pc-nowrap pc-involved" data-testid="cs-involved-row">
            <span className="pc-grow">
              {t(`cases.kinds.${p.kind}`)}: <b>{labels[`${p.kind}:${p.id}`] ?? `#${p.id}`}</b>
            </span>
            <InputGroup
              value={p.role ?? ''}
              placeholder={t('cases.seizures.rolePlaceholder')}
              onValueChange={(role) => setInvolved(i, { ...p, role })}
              aria-label={t('cases.seizures.role')}
              data-testid="cs-involved-role"
            />
            <Button variant="minimal" icon="cross" aria-label={t('cases.seizures.removeInvolved')} onClick={() => setInvolved(i, null)} />
          </div>
        ))}
        <RecordFinder
          kinds={['party', 'passenger']}
          picked={s.involved.map((p) => `${p.kind}:${p.id}`)}
          onPick={(r) => {
            if (!s.involved.some((p) => p.kind === r.kind && p.id === r.refId))
              set('involved', [...s.involved, { kind: r.kind as Involved['kind'], id: r.refId, role: '' }]);
          }}
        />
      </FormGroup>
      {photos.length > 0 && (
        <FormGroup label={t('cases.seizures.photos')}>
          {photos.map((a) => (
            <Checkbox
              key={a.id}
              inline
              label={a.name}
              checked={s.photos.includes(a.id)}
              onChange={(e) => set('photos', e.currentTarget.checked ? [...s.photos, a.id] : s.photos.filter((x) => x !== a.id))}
              data-testid="cs-photo"
            />
          ))}
        </FormGroup>
      )}
      <FormGroup label={t('targeting.seizure.notes')} labelFor="cs-notes">
        <TextArea id="cs-notes" fill value={s.notes} onChange={(e) => set('notes', e.currentTarget.value)} data-testid="cs-notes" />
      </FormGroup>
      <div className="pc-row">
        <Button type="submit" intent={Intent.PRIMARY} icon="floppy-disk" text={t('cases.seizures.save')} disabled={busy || !valid} data-testid="cs-save" />
        <Button variant="minimal" text={t('common.cancel')} onClick={onCancel} />
      </div>
    </form>
  );
}
