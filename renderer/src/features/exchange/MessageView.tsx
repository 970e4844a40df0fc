// A package's message as its sender wrote it: subject, text, indicators (a warning's reasons, feedback's
// findings), what was done and with what result, and when and where a warned movement is expected.
import { Classes, H4, Intent, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../shared/domain/exchange.ts';

const RESULT_INTENT = { '': Intent.NONE, negative: Intent.NONE, positive: Intent.DANGER, pending: Intent.WARNING } as const;

/** A hashed-matching set carries its hashes in the body: they are counted here, not shown. */
export function MessageView({ message: m, matchSet = false, hashes = 0 }: { message: Message; matchSet?: boolean; hashes?: number }) {
  const { t } = useTranslation();
  if (matchSet) {
    return (
      <div className="pc-message" data-testid="package-message">
        <H4 className="pc-no-margin" data-testid="package-subject">
          {m.subject}
        </H4>
        <p className="pc-mt">{t('exchange.matching.hashCount', { count: hashes })}</p>
        <div className="pc-row">
          {m.indicators.map((x) => (
            <Tag key={x} minimal icon="search-around">
              {t(`exchange.matching.categories.${x}`, { defaultValue: x })}
            </Tag>
          ))}
        </div>
      </div>
    );
  }
  return (
    <div className="pc-message" data-testid="package-message">
      <H4 className="pc-no-margin" data-testid="package-subject">
        {m.subject}
      </H4>
      {(m.action || m.result) && (
        <div className="pc-row pc-mt" data-testid="package-feedback">
          {m.action && (
            <span>
              <span className={Classes.TEXT_MUTED}>{t('exchange.message.action')}:</span> <b>{m.action}</b>
            </span>
          )}
          {m.result && (
            <Tag intent={RESULT_INTENT[m.result]} data-testid="package-result">
              {t(`exchange.results.${m.result}`)}
            </Tag>
          )}
        </div>
      )}
      {(m.expectedAt || m.place) && (
        <div className="pc-mt" data-testid="package-expected">
          <span className={Classes.TEXT_MUTED}>{t('exchange.message.expected')}:</span> {[m.expectedAt?.replace('T', ' '), m.place].filter(Boolean).join(' · ')}
        </div>
      )}
      {m.body && (
        <p className="pc-message-body pc-mt" data-testid="package-body">
          {m.body}
        </p>
      )}
      {m.indicators.length > 0 && (
        <div className="pc-row pc-mt" data-testid="package-indicators">
          {m.indicators.map((x) => (
            <Tag key={x} minimal icon="flag">
              {x}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}
