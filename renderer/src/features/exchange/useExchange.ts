// The Exchange section's reads: this unit's identity, the partner directory, the inbox and outbox, one
// package's preview; each read again when the core says its tables changed (writes that emit nothing,
// such as the unit's own profile and keys, reload themselves).
import { useCallback } from 'react';
import { api } from '../../api.ts';
import { useLoad } from '../../components/useLoad.ts';

const PACKAGE_TABLES = ['exchange_package', 'partner'] as const;

export function useIdentity() {
  const load = useCallback(() => api.call('exchange.identity'), []);
  return useLoad(load, ['unit_identity', 'unit_key']);
}

export function usePartners() {
  const load = useCallback(() => api.call('exchange.partners'), []);
  return useLoad(load, ['partner', 'exchange_package']);
}

export function usePackages(direction: 'in' | 'out' | null) {
  const load = useCallback(() => api.call('exchange.packages', { direction }), [direction]);
  return useLoad(load, PACKAGE_TABLES);
}

export function usePreview(id: number | null) {
  const load = useCallback(() => api.call('exchange.preview', { id: id! }), [id]);
  return useLoad(id ? load : null, ['exchange_package']);
}
