// Reads the record a drawer shows, and reads it again when its tables change (an undone import may have
// removed it: the view then says so).
import { useEffect, useState } from 'react';
import type { ContainerRecord, PartyRecord, PassengerRecord, ShipmentRecord } from '../../../../shared/domain/records.ts';
import { api } from '../../api.ts';
import { recordKey, type RecordRef } from './record-ref.ts';

/** A `data.changed` naming one of these reloads the record on show. */
const TABLES = ['shipment', 'party', 'container', 'container_event', 'conveyance', 'import_batch', 'passenger', 'booking'];

export type Loaded =
  | { kind: 'shipment'; record: ShipmentRecord }
  | { kind: 'container'; record: ContainerRecord }
  | { kind: 'party'; record: PartyRecord }
  | { kind: 'passenger'; record: PassengerRecord };
export type Outcome = { key: string; loaded: Loaded | null; error: unknown };

async function load(ref: RecordRef): Promise<Loaded> {
  switch (ref.kind) {
    case 'shipment':
      return { kind: 'shipment', record: await api.call('records.shipment', { id: ref.id }) };
    case 'container':
      return { kind: 'container', record: await api.call('records.container', { id: ref.id }) };
    case 'party':
      return { kind: 'party', record: await api.call('records.party', { id: ref.id }) };
    case 'passenger':
      return { kind: 'passenger', record: await api.call('records.passenger', { id: ref.id }) };
  }
}

/** The record for `ref`, read again when its tables change. The last outcome stays while the next loads. */
export function useRecord(ref: RecordRef | undefined): Outcome | null {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [changes, setChanges] = useState(0);
  const kind = ref?.kind;
  const id = ref?.id;
  useEffect(
    () =>
      api.on('data.changed', ({ tables }) => {
        if (tables.some((x) => TABLES.includes(x))) setChanges((n) => n + 1);
      }),
    [],
  );
  useEffect(() => {
    if (kind === undefined || id === undefined) return;
    let live = true;
    const key = recordKey({ kind, id });
    load({ kind, id }).then(
      (loaded) => {
        if (live) setOutcome({ key, loaded, error: null });
      },
      (error: unknown) => {
        if (live) setOutcome({ key, loaded: null, error });
      },
    );
    return () => {
      live = false;
    };
  }, [kind, id, changes]);
  return outcome;
}
