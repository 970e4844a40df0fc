// Passphrase strength meter, with the minimum the core enforces.
import { Intent, ProgressBar } from '@blueprintjs/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_RULES } from '../../../../shared/domain/workspace.ts';
import { useStrengthChecker } from './passphrase-strength.ts';

const INTENTS = [Intent.DANGER, Intent.DANGER, Intent.WARNING, Intent.PRIMARY, Intent.SUCCESS];

export function PassphraseMeter({ passphrase, userInputs = [] }: { passphrase: string; userInputs?: string[] }) {
  const { t } = useTranslation();
  const check = useStrengthChecker();
  const score = useMemo(() => (check ? check(passphrase, userInputs) : 0), [check, passphrase, userInputs]);
  const tooShort = [...passphrase].length < PASSPHRASE_RULES.minLength;
  return (
    <div className="pc-meter" data-score={score}>
      <ProgressBar value={passphrase ? (score + 1) / 5 : 0} intent={INTENTS[score]} animate={false} stripes={false} />
      <div className="pc-meter-label">
        {passphrase === ''
          ? t('passphrase.hint', { min: PASSPHRASE_RULES.minLength })
          : tooShort
            ? t('passphrase.tooShort', { min: PASSPHRASE_RULES.minLength })
            : t(`passphrase.score${score}`)}
      </div>
    </div>
  );
}
