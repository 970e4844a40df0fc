// Selecting a target: the record (shipment or passenger) by the number its documents carry, the
// indicators that point at it, and why. Selecting the same record again replaces what was cited.
import { Button, Callout, FormGroup, InputGroup, Intent, Radio, RadioGroup, TextArea } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Selection, TrainingMark } from '../../../../shared/domain/training.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { IndicatorSelect } from './IndicatorSelect.tsx';

type Entity = Selection['entity'];
type Props = { mark: TrainingMark; initial?: { entity: Entity; ref: string }; onSelected?(s: Selection): void };

export function SelectionForm({ mark, initial, onSelected }: Props) {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<Entity>(initial?.entity ?? (mark.template === 'passengers' ? 'passenger' : 'shipment'));
  const [ref, setRef] = useState(initial?.ref ?? '');
  const [indicators, setIndicators] = useState<string[]>([]);
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<Selection | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ref.trim() || busy) return;
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const s = await api.call('training.select', { selection: { entity, ref: ref.trim(), indicators, justification } });
      setAdded(s);
      if (!initial) setRef('');
      setIndicators([]);
      setJustification('');
      onSelected?.(s);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="selection-form">
      <RadioGroup inline label={t('training.select.entity')} selectedValue={entity} onChange={(e) => setEntity(e.currentTarget.value as Entity)}>
        <Radio value="shipment" label={t('training.entity.shipment')} data-testid="selection-entity-shipment" />
        <Radio value="passenger" label={t('training.entity.passenger')} data-testid="selection-entity-passenger" />
      </RadioGroup>
      <FormGroup
        label={entity === 'shipment' ? t('training.select.docShipment') : t('training.select.docPassenger')}
        labelFor="selection-ref"
        helperText={t('training.select.refHelp')}
      >
        <InputGroup id="selection-ref" className="pc-mono" value={ref} onValueChange={setRef} leftIcon="barcode" data-testid="selection-ref" />
      </FormGroup>
      <FormGroup label={t('training.select.indicators')} labelFor="selection-indicators" helperText={t('training.select.indicatorsHelp')}>
        <IndicatorSelect choices={mark.indicatorChoices} selected={indicators} onChange={setIndicators} />
      </FormGroup>
      <FormGroup label={t('training.select.justification')} labelFor="selection-justification">
        <TextArea
          id="selection-justification"
          fill
          rows={3}
          maxLength={4000}
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
          placeholder={t('training.select.justificationPlaceholder')}
          data-testid="selection-justification"
        />
      </FormGroup>
      <ErrorCallout error={error} />
      {added && (
        <Callout intent={Intent.SUCCESS} icon="tick" compact className="pc-mb" data-testid="selection-added">
          {t('training.select.added', { ref: added.ref })}
        </Callout>
      )}
      <Button
        type="submit"
        intent={Intent.PRIMARY}
        icon="locate"
        text={t('training.select.submit')}
        loading={busy}
        disabled={!ref.trim()}
        data-testid="selection-add"
      />
    </form>
  );
}
