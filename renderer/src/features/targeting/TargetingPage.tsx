// Targeting: the review queue (the default), risk profiles with their rules and backtests, watchlists and
// reference lists, and lane controls with the profiles' statistics. The tab and what is open in it live in
// the address hash, so back and forward work and a record view can open its hit here.
import { H2, Tab, Tabs } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { RecordRef } from '../records/record-ref.ts';
import { ControlsTab } from './ControlsTab.tsx';
import { ProfilesTab } from './ProfilesTab.tsx';
import { QueueTab } from './QueueTab.tsx';
import { TARGETING_TABS, useTargetingRoute, type TargetingTab } from './targeting-route.ts';
import { WatchlistsTab } from './WatchlistsTab.tsx';
import './targeting.css';

export function TargetingPage({ onOpen }: { onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const [route, go] = useTargetingRoute();
  const id = route.id;
  return (
    <div className="pc-page pc-targeting" data-section="targeting">
      <H2>{t('sections.targeting.title')}</H2>
      <Tabs id="targeting" selectedTabId={route.tab} onChange={(tab) => go(tab as TargetingTab)} large renderActiveTabPanelOnly>
        {TARGETING_TABS.map((tab) => (
          <Tab key={tab} id={tab} title={t(`targeting.tabs.${tab}`)} data-testid={`targeting-tab-${tab}`} />
        ))}
      </Tabs>
      <div className="pc-targeting-body">
        {route.tab === 'queue' && <QueueTab hitId={id} onSelect={(hit) => go('queue', hit)} onOpen={onOpen} />}
        {route.tab === 'profiles' && <ProfilesTab profileId={id} onSelect={(p) => go('profiles', p)} onOpen={onOpen} />}
        {route.tab === 'watchlists' && <WatchlistsTab watchlistId={id} onSelect={(w) => go('watchlists', w)} />}
        {route.tab === 'controls' && <ControlsTab onOpen={onOpen} />}
      </div>
    </div>
  );
}
