// A key's fingerprint as two people read it to each other: twelve words, and six groups of five digits in
// large monospace figures (one group at a time over the phone). The hex is there for those who prefer it.
import { Classes } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';

type Props = { words: string[]; digits: string[]; hex?: string; large?: boolean; testId?: string };

export function Fingerprint({ words, digits, hex, large, testId = 'fingerprint' }: Props) {
  const { t } = useTranslation();
  return (
    <div className={`pc-fingerprint${large ? ' pc-fingerprint-large' : ''}`} data-testid={testId}>
      <div className="pc-fp-label">{t('exchange.fingerprint.digits')}</div>
      <div className="pc-fp-digits" data-testid={`${testId}-digits`} aria-label={t('exchange.fingerprint.digits')}>
        {digits.map((d, i) => (
          <span key={i} className="pc-fp-group" data-group={d}>
            {d}
          </span>
        ))}
      </div>
      <div className="pc-fp-label">{t('exchange.fingerprint.words')}</div>
      <div className="pc-fp-words" data-testid={`${testId}-words`} aria-label={t('exchange.fingerprint.words')}>
        {words.map((w, i) => (
          <span key={i} className="pc-fp-word" data-word={w}>
            <span className={Classes.TEXT_MUTED}>{i + 1}</span> {w}
          </span>
        ))}
      </div>
      {hex && (
        <div className={`pc-mono pc-hash ${Classes.TEXT_MUTED}`} title={t('exchange.fingerprint.hex')} data-testid={`${testId}-hex`}>
          {hex}
        </div>
      )}
    </div>
  );
}
