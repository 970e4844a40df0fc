// Why a profile or rule was refused: the problems the core found, one per line (TARGETING_INVALID_RULE
// carries them in `details.problems`), else the core's message.
import { Callout, Intent } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';

export function problemsOf(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as { problems?: unknown; issues?: unknown } | undefined;
  const list = Array.isArray(d?.problems) ? d.problems : Array.isArray(d?.issues) ? d.issues : null;
  return list ? list.map(String) : [error.message];
}

export function Problems({ error, intent = Intent.DANGER }: { error: unknown; intent?: Intent }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'INTERNAL';
  return (
    <Callout intent={intent} icon="error" title={t(`errors.${code}`)} className="pc-mt" data-testid="problems" data-error-code={code}>
      <ul className="pc-problems">
        {problemsOf(error).map((p, i) => (
          <li key={i} data-testid="problem">
            {p}
          </li>
        ))}
      </ul>
    </Callout>
  );
}
