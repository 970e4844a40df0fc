// Saving the chart: its name and description, over the chart it was opened from or as a new one.
import { Button, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, TextArea } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';

export function SaveChartDialog({
  initial,
  onClose,
  onSave,
}: {
  initial: { id: number; name: string; description: string } | null;
  onClose(): void;
  onSave(name: string, description: string, asNew: boolean): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (asNew: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await onSave(name.trim(), description, asNew);
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog isOpen onClose={onClose} title={t('graph.saveTitle')} icon="floppy-disk">
      <DialogBody>
        <FormGroup label={t('graph.chartName')} labelFor="pc-chart-name">
          <InputGroup id="pc-chart-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="graph-chart-name" />
        </FormGroup>
        <FormGroup label={t('graph.chartDescription')} labelFor="pc-chart-description">
          <TextArea id="pc-chart-description" value={description} onChange={(e) => setDescription(e.target.value)} fill rows={3} />
        </FormGroup>
        <ErrorCallout error={error} />
      </DialogBody>
      <DialogFooter
        actions={
          <>
            {initial && <Button text={t('graph.saveAsNew')} disabled={!name.trim() || busy} onClick={() => void save(true)} />}
            <Button intent="primary" text={t('graph.save')} disabled={!name.trim() || busy} onClick={() => void save(false)} data-testid="graph-chart-save" />
          </>
        }
      />
    </Dialog>
  );
}
