// How a submission is scored, as the scoring itself documents it (shared/domain/training.ts: SCORING_RULES).
import { Classes, H5 } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';

export function ScoringRules({ rules, className }: { rules: readonly string[]; className?: string }) {
  const { t } = useTranslation();
  return (
    <section className={className} data-testid="scoring-rules">
      <H5>{t('training.rules.title')}</H5>
      <p className={Classes.TEXT_MUTED}>{t('training.rules.help')}</p>
      <ol className="pc-training-rules">
        {rules.map((r, i) => (
          <li key={i} lang="en">
            {r}
          </li>
        ))}
      </ol>
    </section>
  );
}
