// A package refused on receipt, shown so that no one mistakes it for a glitch: what was wrong (the stable
// code and its message), and that nothing of it was stored. Other failures show as ordinary errors.
import { Classes, H4 } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { ErrorCallout, errorCode } from '../../components/ErrorCallout.tsx';

export function RefusalCallout({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const refused = errorCode(error).startsWith('PACKAGE_');
  if (!refused) return <ErrorCallout error={error} />;
  return (
    <div className="pc-refusal" data-testid="receive-refused" role="alert">
      <H4 className="pc-refusal-title">{t('exchange.receive.refusedTitle')}</H4>
      <ErrorCallout error={error}>
        <p className={`${Classes.TEXT_MUTED} pc-mt pc-no-margin`}>{t('exchange.receive.refusedHelp')}</p>
      </ErrorCallout>
    </div>
  );
}
