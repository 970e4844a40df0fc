// Exchange: this unit's identity and keys, partner units and the trust in each of their keys, the outbox
// and inbox of signed and encrypted packages, and hashed matching. The tab and the package open live in
// the address hash (#/exchange/inbox/12).
import { H2, Tab, Tabs } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { RecordRef } from '../records/record-ref.ts';
import { EXCHANGE_TABS, useExchangeRoute, type ExchangeTab } from './exchange-route.ts';
import { MatchingTab } from './MatchingTab.tsx';
import { PackagesTab } from './PackagesTab.tsx';
import { PartnersTab } from './PartnersTab.tsx';
import { UnitTab } from './UnitTab.tsx';
import './exchange.css';

export function ExchangePage({ onOpen }: { onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const [route, go] = useExchangeRoute();
  const select = (p: { id: number; direction: 'in' | 'out' } | null) => go(p ? (p.direction === 'in' ? 'inbox' : 'outbox') : route.tab, p?.id ?? null);
  return (
    <div className="pc-page pc-exchange" data-section="exchange">
      <H2>{t('sections.exchange.title')}</H2>
      <Tabs id="exchange" selectedTabId={route.tab} onChange={(tab) => go(tab as ExchangeTab)} large renderActiveTabPanelOnly>
        {EXCHANGE_TABS.map((tab) => (
          <Tab key={tab} id={tab} title={t(`exchange.tabs.${tab}`)} data-testid={`exchange-tab-${tab}`} />
        ))}
      </Tabs>
      <div className="pc-exchange-body">
        {route.tab === 'unit' && <UnitTab />}
        {route.tab === 'partners' && <PartnersTab />}
        {route.tab === 'outbox' && <PackagesTab key="out" direction="out" selected={route.id} onSelect={select} onOpen={onOpen} />}
        {route.tab === 'inbox' && <PackagesTab key="in" direction="in" selected={route.id} onSelect={select} onOpen={onOpen} />}
        {route.tab === 'matching' && <MatchingTab />}
      </div>
    </div>
  );
}
