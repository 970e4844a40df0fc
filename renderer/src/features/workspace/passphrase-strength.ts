// Passphrase strength (zxcvbn with its common-password dictionaries). The dictionaries are large, so they
// load on demand, when a screen that sets a passphrase first appears, not with the unlock screen.
import { useEffect, useState } from 'react';
import { PASSPHRASE_RULES } from '../../../../shared/domain/workspace.ts';

type Checker = (passphrase: string, userInputs: string[]) => number;
let checker: Checker | null = null;
let loading: Promise<Checker> | null = null;

function loadChecker(): Promise<Checker> {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(([core, common]) => {
    const zxcvbn = new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
    checker = (passphrase, userInputs) => (passphrase ? zxcvbn.check(passphrase.slice(0, 256), userInputs).score : 0);
    return checker;
  });
  return loading;
}

export const ACCEPTABLE_SCORE = 3;

/** The strength scorer once loaded (null until then). */
export function useStrengthChecker(): Checker | null {
  const [ready, setReady] = useState<Checker | null>(checker);
  useEffect(() => {
    if (!ready) void loadChecker().then((c) => setReady(() => c));
  }, [ready]);
  return ready;
}

export function passphraseAcceptable(check: Checker | null, passphrase: string, userInputs: string[] = []): boolean {
  return check !== null && [...passphrase].length >= PASSPHRASE_RULES.minLength && check(passphrase, userInputs) >= ACCEPTABLE_SCORE;
}
