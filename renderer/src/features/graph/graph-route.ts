// Where in the Graph section the user is, in the address hash: the chart (#/graph), a chart started from
// records (#/graph/start/<node ids>), a saved chart (#/graph/chart/12), the saved charts and the
// candidate duplicates. Other sections open the graph on their records with openInGraph.
import { useCallback, useEffect, useState } from 'react';

export const GRAPH_TABS = ['chart', 'charts', 'duplicates'] as const;
export type GraphTab = (typeof GRAPH_TABS)[number];
/** `seq` counts the navigations, so that opening the same chart again (or starting from the same records)
 * is a new request. */
export type GraphRoute = { tab: GraphTab; start: string[] | null; chartId: number | null; seq: number };

export function parseGraphHash(hash: string, seq = 0): GraphRoute {
  const [section, part, arg] = hash.replace(/^#\/?/, '').split('/');
  const none: GraphRoute = { tab: 'chart', start: null, chartId: null, seq };
  if (section !== 'graph') return none;
  if (part === 'start' && arg) {
    const ids = decodeURIComponent(arg)
      .split(',')
      .filter((id) => /^[a-z]+:.+$/.test(id));
    return { ...none, start: ids.length ? ids : null };
  }
  if (part === 'chart' && arg) {
    const id = Number(arg);
    return { ...none, chartId: Number.isInteger(id) && id > 0 ? id : null };
  }
  if (part === 'charts' || part === 'duplicates') return { ...none, tab: part };
  return none;
}

/** Opens the graph on these nodes ("shipment:12", "party:4"…), added to the chart on screen. */
export function openInGraph(ids: string[]): void {
  location.hash = `#/graph/start/${encodeURIComponent(ids.join(','))}`;
}

export function useGraphRoute(): [GraphRoute, (hash: string) => void] {
  const [route, setRoute] = useState(() => parseGraphHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute((r) => parseGraphHash(location.hash, r.seq + 1));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((hash: string) => {
    if (location.hash !== hash) location.hash = hash;
    else setRoute((r) => parseGraphHash(hash, r.seq + 1));
  }, []);
  return [route, go];
}
