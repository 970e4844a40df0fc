// Passphrase strength meter (zxcvbn), with the minimum the core enforces.
import { Intent, ProgressBar } from '@blueprintjs/core';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_RULES } from '../../../../shared/domain/workspace.ts';

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

export const ACCEPTABLE_SCORE = 3;

export function passphraseScore(passphrase: string, userInputs: string[] = []): number {
  if (!passphrase) return 0;
  return zxcvbn.check(passphrase.slice(0, 256), userInputs).score;
}

export function passphraseAcceptable(passphrase: string, userInputs: string[] = []): boolean {
  return [...passphrase].length >= PASSPHRASE_RULES.minLength && passphraseScore(passphrase, userInputs) >= ACCEPTABLE_SCORE;
}

const INTENTS = [Intent.DANGER, Intent.DANGER, Intent.WARNING, Intent.PRIMARY, Intent.SUCCESS];

export function PassphraseMeter({ passphrase, userInputs = [] }: { passphrase: string; userInputs?: string[] }) {
  const { t } = useTranslation();
  const score = useMemo(() => passphraseScore(passphrase, userInputs), [passphrase, userInputs]);
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
