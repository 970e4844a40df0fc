// Shows an error a user can meet: the translated message for its code, and the code itself (small) so
// that support and other tools can match on it.
import { Callout, Code, Intent } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : 'INTERNAL';
}

export function ErrorCallout({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCode(error);
  const message = t(`errors.${code}`, { defaultValue: error instanceof Error ? error.message : String(error) });
  return (
    <Callout intent={Intent.DANGER} icon="error" className="pc-error" data-error-code={code}>
      <div>{message}</div>
      <div className="pc-error-code">
        <Code>{code}</Code>
      </div>
      {children}
    </Callout>
  );
}
