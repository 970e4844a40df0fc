// The versions of a profile, newest first: when, by whom, and what changed.
import { Classes, HTMLTable, Spinner } from '@blueprintjs/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useTargetingFormat } from './format.ts';
import { useLoad } from '../../components/useLoad.ts';

export function ProfileHistory({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  // Read again whenever the profile gets a new version.
  const load = useCallback(() => api.call('targeting.history', { id: profile.id }), [profile.id, profile.version]);
  const { data, error } = useLoad(load, []);
  if (error) return <ErrorCallout error={error} />;
  if (!data) return <Spinner size={20} />;
  return (
    <HTMLTable compact striped className="pc-table" data-testid="profile-history">
      <thead>
        <tr>
          <th className="pc-right">{t('targeting.history.version')}</th>
          <th>{t('targeting.history.when')}</th>
          <th>{t('targeting.history.who')}</th>
          <th>{t('targeting.history.what')}</th>
        </tr>
      </thead>
      <tbody>
        {data.map((c) => (
          <tr key={c.version} data-testid="history-row">
            <td className="pc-right pc-num">v{c.version}</td>
            <td className={Classes.TEXT_MUTED}>{f.moment(c.at)}</td>
            <td>{c.by}</td>
            <td>{c.summary}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
