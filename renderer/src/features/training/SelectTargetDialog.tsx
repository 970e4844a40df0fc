// "Select as target" from a record's view in a training workspace: the selection form, with the record
// and its document number filled in.
import { Button, Dialog, DialogBody, DialogFooter } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { Selection } from '../../../../shared/domain/training.ts';
import { ApiError } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { SelectionForm } from './SelectionForm.tsx';
import { useTrainingMark } from './training-mark.ts';

export function SelectTargetDialog({ entity, docNumber, onClose }: { entity: Selection['entity']; docNumber: string; onClose(): void }) {
  const { t } = useTranslation();
  const { mark, error } = useTrainingMark();
  return (
    <Dialog isOpen onClose={onClose} title={t('training.select.fromRecord', { ref: docNumber })} icon="locate" className="pc-training-dialog">
      <DialogBody data-testid="select-target-dialog">
        <ErrorCallout error={error} />
        {mark?.submittedAt ? (
          <ErrorCallout error={new ApiError('TRAINING_SUBMITTED', 'The selections were already submitted.')} />
        ) : (
          mark && <SelectionForm mark={mark} initial={{ entity, ref: docNumber }} />
        )}
      </DialogBody>
      <DialogFooter actions={<Button text={t('exchange.close')} onClick={onClose} data-testid="select-target-close" />} />
    </Dialog>
  );
}
