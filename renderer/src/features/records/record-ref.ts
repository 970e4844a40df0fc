// Which record the drawer shows: the views link to each other by kind and id.
export type RecordRef = { kind: 'shipment' | 'container' | 'party' | 'passenger'; id: number };

export const recordKey = (ref: RecordRef): string => `${ref.kind}:${ref.id}`;
