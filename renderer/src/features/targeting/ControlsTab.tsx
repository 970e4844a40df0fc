// Controls and statistics: the lane thresholds and random selection per office, whether scoring follows
// each import, and what the profiles and rules achieved (selections, positives, seizures, hit rate).
import { Card, Classes, H4, Switch } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { LaneControls } from './LaneControls.tsx';
import { SeizureTable } from './SeizureTable.tsx';
import { StatsTable } from './StatsTable.tsx';
import { useLoad } from '../../components/useLoad.ts';

export function ControlsTab({ onOpen }: { onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const loadStats = useCallback(() => api.call('targeting.stats'), []);
  const stats = useLoad(loadStats, ['target_hit', 'seizure']);
  const loadSeizures = useCallback(() => api.call('targeting.seizures'), []);
  const seizures = useLoad(loadSeizures, ['seizure']);
  return (
    <div className="pc-controls" data-testid="controls-tab">
      <ScoringSettings />
      <H4 className="pc-mt">{t('targeting.controls.title')}</H4>
      <p className={Classes.TEXT_MUTED}>{t('targeting.controls.help')}</p>
      <LaneControls />
      <H4 className="pc-mt-large">{t('targeting.stats.title')}</H4>
      <p className={Classes.TEXT_MUTED}>{t('targeting.stats.help')}</p>
      <ErrorCallout error={stats.error} />
      {stats.data && <StatsTable stats={stats.data} />}
      <H4 className="pc-mt-large">{t('targeting.stats.seizures')}</H4>
      <ErrorCallout error={seizures.error} />
      {seizures.data &&
        (seizures.data.length === 0 ? (
          <p className={Classes.TEXT_MUTED}>{t('targeting.stats.noSeizures')}</p>
        ) : (
          <SeizureTable seizures={seizures.data} onOpen={onOpen} />
        ))}
    </div>
  );
}

function ScoringSettings() {
  const { t } = useTranslation();
  const load = useCallback(() => api.call('targeting.settings'), []);
  const settings = useLoad(load, []);
  const [error, setError] = useState<unknown>(null);
  async function set(scoreAfterImport: boolean) {
    setError(null);
    try {
      await api.call('targeting.updateSettings', { scoreAfterImport });
      settings.reload();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card compact className="pc-settings-card">
      <Switch
        large
        className="pc-compact-check"
        checked={settings.data?.scoreAfterImport ?? false}
        disabled={!settings.data}
        label={t('targeting.settings.scoreAfterImport')}
        onChange={(e) => void set(e.currentTarget.checked)}
        data-testid="score-after-import"
      />
      <div className={Classes.TEXT_MUTED}>{t('targeting.settings.scoreAfterImportHelp')}</div>
      <ErrorCallout error={error ?? settings.error} />
    </Card>
  );
}
