// The seizure of a positive outcome. Every list (category, unit, concealment, detection) is the shared
// taxonomy, so that statistics and exchanges with partner units read the same codes.
import { Button, FormGroup, HTMLSelect, InputGroup, Intent, TextArea } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMODITY_CATEGORIES, CONCEALMENT, DETECTION, SeizureInputSchema, type SeizureInput } from '../../../../shared/domain/targeting.ts';
import { isoDay } from './format.ts';

export const UNITS = SeizureInputSchema.shape.unit.options;

type Props = { random: boolean; busy: boolean; onSave(s: SeizureInput): void; onCancel(): void };

export function SeizureForm({ random, busy, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [s, setS] = useState<Omit<SeizureInput, 'quantity'> & { quantity: string }>({
    category: 'drugs',
    commodity: '',
    quantity: '',
    unit: 'kg',
    concealment: 'in_goods',
    detection: random ? 'random' : 'risk_profile',
    place: '',
    date: isoDay(),
    notes: '',
  });
  const set = <K extends keyof typeof s>(k: K, v: (typeof s)[K]) => setS((old) => ({ ...old, [k]: v }));
  const quantity = Number(s.quantity.replace(',', '.'));
  const valid = s.commodity.trim() !== '' && Number.isFinite(quantity) && quantity > 0 && /^\d{4}-\d{2}-\d{2}$/.test(s.date);

  return (
    <form
      className="pc-seizure-form"
      data-testid="seizure-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onSave({ ...s, commodity: s.commodity.trim(), quantity });
      }}
    >
      <div className="pc-form-grid">
        <FormGroup label={t('targeting.seizure.category')} labelFor="seizure-category">
          <HTMLSelect
            id="seizure-category"
            fill
            value={s.category}
            onChange={(e) => set('category', e.currentTarget.value as SeizureInput['category'])}
            options={COMMODITY_CATEGORIES.map((c) => ({ value: c, label: t(`targeting.seizure.categories.${c}`) }))}
            data-testid="seizure-category"
          />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.commodity')} labelFor="seizure-commodity" labelInfo={t('targeting.required')}>
          <InputGroup
            id="seizure-commodity"
            value={s.commodity}
            placeholder={t('targeting.seizure.commodityPlaceholder')}
            onValueChange={(v) => set('commodity', v)}
            data-testid="seizure-commodity"
          />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.quantity')} labelFor="seizure-quantity" labelInfo={t('targeting.required')}>
          <div className="pc-row pc-nowrap">
            <InputGroup id="seizure-quantity" inputMode="decimal" value={s.quantity} onValueChange={(v) => set('quantity', v)} data-testid="seizure-quantity" />
            <HTMLSelect
              value={s.unit}
              aria-label={t('targeting.seizure.unit')}
              onChange={(e) => set('unit', e.currentTarget.value as SeizureInput['unit'])}
              options={UNITS.map((u) => ({ value: u, label: t(`targeting.seizure.units.${u}`) }))}
              data-testid="seizure-unit"
            />
          </div>
        </FormGroup>
        <FormGroup label={t('targeting.seizure.concealment')} labelFor="seizure-concealment">
          <HTMLSelect
            id="seizure-concealment"
            fill
            value={s.concealment}
            onChange={(e) => set('concealment', e.currentTarget.value as SeizureInput['concealment'])}
            options={CONCEALMENT.map((c) => ({ value: c, label: t(`targeting.seizure.concealments.${c}`) }))}
            data-testid="seizure-concealment"
          />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.detection')} labelFor="seizure-detection">
          <HTMLSelect
            id="seizure-detection"
            fill
            value={s.detection}
            onChange={(e) => set('detection', e.currentTarget.value as SeizureInput['detection'])}
            options={DETECTION.map((d) => ({ value: d, label: t(`targeting.seizure.detections.${d}`) }))}
            data-testid="seizure-detection"
          />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.place')} labelFor="seizure-place">
          <InputGroup id="seizure-place" value={s.place} placeholder="MEBAR" onValueChange={(v) => set('place', v)} data-testid="seizure-place" />
        </FormGroup>
        <FormGroup label={t('targeting.seizure.date')} labelFor="seizure-date">
          <InputGroup id="seizure-date" type="date" value={s.date} onValueChange={(v) => set('date', v)} data-testid="seizure-date" />
        </FormGroup>
      </div>
      <FormGroup label={t('targeting.seizure.notes')} labelFor="seizure-notes">
        <TextArea id="seizure-notes" fill value={s.notes} onChange={(e) => set('notes', e.currentTarget.value)} data-testid="seizure-notes" />
      </FormGroup>
      <div className="pc-row">
        <Button
          type="submit"
          intent={Intent.PRIMARY}
          icon="floppy-disk"
          text={t('targeting.seizure.save')}
          disabled={busy || !valid}
          data-testid="seizure-save"
        />
        <Button variant="minimal" text={t('common.cancel')} onClick={onCancel} />
      </div>
    </form>
  );
}
