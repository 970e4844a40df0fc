// The record grids as both sides see them: which grids exist, their columns with a type that decides the
// filter offered, and which columns may be sorted (only those the database can sort on an index).
import { z } from 'zod';

export type ColumnType = 'text' | 'number' | 'date' | 'set' | 'flag';
export type GridColumn = { id: string; type: ColumnType; sortable?: boolean; width?: number; hidden?: boolean };

export const GRIDS = {
  shipments: [
    { id: 'docNumber', type: 'text', sortable: true, width: 150 },
    { id: 'review', type: 'flag', width: 80 },
    { id: 'mode', type: 'set', width: 70 },
    { id: 'arrivalDate', type: 'date', sortable: true, width: 105 },
    { id: 'placeLoading', type: 'set', sortable: true, width: 95 },
    { id: 'placeDischarge', type: 'set', sortable: true, width: 95 },
    { id: 'shipper', type: 'text', width: 190 },
    { id: 'consignee', type: 'text', width: 190 },
    { id: 'goodsDescription', type: 'text', width: 210 },
    { id: 'grossWeightKg', type: 'number', sortable: true, width: 100 },
    { id: 'packages', type: 'number', width: 85 },
    { id: 'containers', type: 'text', width: 140 },
    { id: 'conveyance', type: 'text', width: 150 },
    { id: 'hsCodes', type: 'text', width: 100, hidden: true },
    { id: 'docValid', type: 'flag', width: 90, hidden: true },
    { id: 'docType', type: 'set', width: 70, hidden: true },
    { id: 'version', type: 'number', width: 75, hidden: true },
    { id: 'source', type: 'text', width: 200, hidden: true },
    { id: 'truth', type: 'flag', width: 90, hidden: true },
  ],
  containers: [
    { id: 'number', type: 'text', sortable: true, width: 140 },
    { id: 'review', type: 'flag', width: 80 },
    { id: 'numberValid', type: 'flag', width: 70 },
    { id: 'sizeType', type: 'set', width: 90 },
    { id: 'shipments', type: 'number', width: 100 },
    { id: 'events', type: 'number', width: 90 },
    { id: 'lastEvent', type: 'text', width: 220 },
  ],
  parties: [
    { id: 'name', type: 'text', sortable: true, width: 260 },
    { id: 'review', type: 'flag', width: 80 },
    { id: 'country', type: 'set', sortable: true, width: 90 },
    { id: 'city', type: 'text', width: 140 },
    { id: 'address', type: 'text', width: 260 },
    { id: 'shipments', type: 'number', width: 100 },
    { id: 'mergedInto', type: 'text', width: 220 },
  ],
  events: [
    { id: 'at', type: 'date', sortable: true, width: 150 },
    { id: 'container', type: 'text', width: 130 },
    { id: 'containerId', type: 'number', width: 80, hidden: true },
    { id: 'kind', type: 'set', width: 130 },
    { id: 'place', type: 'set', sortable: true, width: 90 },
    { id: 'conveyance', type: 'text', width: 150 },
    { id: 'seal', type: 'text', width: 110 },
    { id: 'fullEmpty', type: 'set', width: 70 },
    { id: 'status', type: 'text', width: 180, hidden: true },
    { id: 'source', type: 'text', width: 200, hidden: true },
  ],
  conveyances: [
    { id: 'mode', type: 'set', width: 70 },
    { id: 'name', type: 'text', sortable: true, width: 180 },
    { id: 'imo', type: 'text', width: 90 },
    { id: 'imoValid', type: 'flag', width: 80 },
    { id: 'flag', type: 'set', width: 60 },
    { id: 'carrier', type: 'set', width: 70 },
    { id: 'flightNumber', type: 'text', width: 90 },
    { id: 'flightDate', type: 'date', sortable: true, width: 105 },
    { id: 'shipments', type: 'number', width: 90 },
    { id: 'travellers', type: 'number', width: 90 },
  ],
  bookings: [
    { id: 'recordLocator', type: 'text', sortable: true, width: 110 },
    { id: 'carrier', type: 'set', width: 70 },
    { id: 'bookingDate', type: 'date', sortable: true, width: 110 },
    { id: 'ticketingDate', type: 'date', width: 110 },
    { id: 'agency', type: 'text', width: 160 },
    { id: 'paymentForm', type: 'set', width: 90 },
    { id: 'travellers', type: 'number', width: 90 },
    { id: 'itinerary', type: 'text', width: 240 },
  ],
  passengers: [
    { id: 'surname', type: 'text', sortable: true, width: 160 },
    { id: 'review', type: 'flag', width: 80 },
    { id: 'givenNames', type: 'text', width: 160 },
    { id: 'birthDate', type: 'date', width: 110 },
    { id: 'nationality', type: 'set', width: 90 },
    { id: 'docNumber', type: 'text', width: 130 },
    { id: 'docValid', type: 'flag', width: 70 },
    { id: 'crew', type: 'flag', width: 70 },
    { id: 'flight', type: 'text', width: 140 },
    { id: 'route', type: 'text', width: 110 },
    { id: 'truth', type: 'flag', width: 90, hidden: true },
  ],
} as const satisfies Record<string, readonly GridColumn[]>;

export type GridId = keyof typeof GRIDS;
/** The grids whose rows can be marked for review, and the record each row is. */
export const REVIEW_ENTITY = { shipments: 'shipment', containers: 'container', parties: 'party', passengers: 'passenger' } as const;
export type ReviewEntity = (typeof REVIEW_ENTITY)[keyof typeof REVIEW_ENTITY];
export const GRID_IDS = Object.keys(GRIDS) as GridId[];
export type GridColumnId<G extends GridId> = (typeof GRIDS)[G][number]['id'];

const text = z.string().max(200);
export const GridFilterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), op: z.enum(['contains', 'equals', 'startsWith']), value: text }).strict(),
  z.object({ kind: z.literal('number'), min: z.number().nullable(), max: z.number().nullable() }).strict(),
  z
    .object({
      kind: z.literal('date'),
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable(),
      to: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable(),
    })
    .strict(),
  z.object({ kind: z.literal('set'), values: z.array(text).max(500) }).strict(),
  z.object({ kind: z.literal('flag'), value: z.boolean().nullable() }).strict(),
]);
export type GridFilter = z.infer<typeof GridFilterSchema>;

export const GridQuerySchema = z
  .object({
    grid: z.enum(GRID_IDS as [GridId, ...GridId[]]),
    sort: z.object({ column: z.string().max(50), dir: z.enum(['asc', 'desc']) }).nullable(),
    filters: z.record(z.string().max(50), GridFilterSchema),
    /** Quick search over the grid's text; Cyrillic and Latin spellings match each other. */
    search: z.string().max(200),
  })
  .strict();
export type GridQuery = z.infer<typeof GridQuerySchema>;

export type GridRow = { id: number } & Record<string, string | number | null>;
/** `total` is null while a large table's count is still to be made (`grids.count`). */
export type GridPage = { rows: GridRow[]; total: number | null };
export type GridValueCount = { value: string; count: number };

/** A saved view: which columns, in which order and width, filters and sort. */
export type GridViewState = {
  columns: { id: string; width?: number; hidden?: boolean; pinned?: 'left' | 'right' | null }[];
  filters: Record<string, GridFilter>;
  sort: GridQuery['sort'];
  search: string;
};
export type GridView = { id: number; grid: GridId; name: string; isDefault: boolean; state: GridViewState };

export const GridViewStateSchema = z
  .object({
    columns: z
      .array(
        z
          .object({
            id: z.string().max(50),
            width: z.number().int().min(20).max(2000).optional(),
            hidden: z.boolean().optional(),
            pinned: z.enum(['left', 'right']).nullable().optional(),
          })
          .strict(),
      )
      .max(100),
    filters: z.record(z.string().max(50), GridFilterSchema),
    sort: GridQuerySchema.shape.sort,
    search: z.string().max(200),
  })
  .strict();

export function gridColumn(grid: GridId, id: string): GridColumn | undefined {
  return (GRIDS[grid] as readonly GridColumn[]).find((c) => c.id === id);
}
