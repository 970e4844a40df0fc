// Where in the Exchange section the user is, kept in the address hash (#/exchange/inbox/12): the tab, and
// the package open in the inbox or outbox, so back and forward work and a reply can be followed.
import { useCallback, useEffect, useState } from 'react';

export const EXCHANGE_TABS = ['unit', 'partners', 'outbox', 'inbox', 'matching'] as const;
export type ExchangeTab = (typeof EXCHANGE_TABS)[number];
export type ExchangeRoute = { tab: ExchangeTab; id: number | null };

export function parseExchangeHash(hash: string): ExchangeRoute {
  const [section, tab, id] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'exchange' || !EXCHANGE_TABS.includes(tab as ExchangeTab)) return { tab: 'unit', id: null };
  const n = Number(id);
  return { tab: tab as ExchangeTab, id: Number.isInteger(n) && n > 0 ? n : null };
}

export const exchangeHash = (tab: ExchangeTab, id?: number | null) => `#/exchange/${tab}${id ? `/${id}` : ''}`;

export function useExchangeRoute(): [ExchangeRoute, (tab: ExchangeTab, id?: number | null) => void] {
  const [route, setRoute] = useState(() => parseExchangeHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseExchangeHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((tab: ExchangeTab, id?: number | null) => {
    const hash = exchangeHash(tab, id);
    if (location.hash !== hash) location.hash = hash;
    setRoute({ tab, id: id ?? null });
  }, []);
  return [route, go];
}
