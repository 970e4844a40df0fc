// Where in the Targeting section the user is, kept in the address hash (#/targeting/queue/12) so that back
// and forward work, and a record view can send the user to its hit in the review queue.
import { useCallback, useEffect, useState } from 'react';

export const TARGETING_TABS = ['queue', 'profiles', 'watchlists', 'controls'] as const;
export type TargetingTab = (typeof TARGETING_TABS)[number];
/** The tab, and the hit, profile or watchlist open in it. */
export type TargetingRoute = { tab: TargetingTab; id: number | null };

export function parseTargetingHash(hash: string): TargetingRoute {
  const [section, tab, id] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'targeting' || !TARGETING_TABS.includes(tab as TargetingTab)) return { tab: 'queue', id: null };
  const n = Number(id);
  return { tab: tab as TargetingTab, id: Number.isInteger(n) && n > 0 ? n : null };
}

export const targetingHash = (tab: TargetingTab, id?: number | null) => `#/targeting/${tab}${id ? `/${id}` : ''}`;

/** Opens a hit in the review queue from anywhere in the app. */
export function openHitInQueue(hitId: number): void {
  const hash = targetingHash('queue', hitId);
  // Already there (a record opened from this hit): say so anyway, so that the record drawer closes.
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

export function useTargetingRoute(): [TargetingRoute, (tab: TargetingTab, id?: number | null) => void] {
  const [route, setRoute] = useState(() => parseTargetingHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseTargetingHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((tab: TargetingTab, id?: number | null) => {
    const hash = targetingHash(tab, id);
    if (location.hash !== hash) location.hash = hash;
    setRoute({ tab, id: id ?? null });
  }, []);
  return [route, go];
}
