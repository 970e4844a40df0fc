// Link analysis (issue 7): what a chart is made of. A node stands for a record (a party, a shipment…) or
// for a value records share (an address, a phone, a port); its id is `<type>:<key>` and stable, so that a
// node found twice is one node. Links come from the data, each with its dates and the records behind it.
import { z } from 'zod';
import type { Lane } from './targeting.ts';

export const NODE_TYPES = [
  'party',
  'address',
  'phone',
  'email',
  'shipment',
  'container',
  'vessel',
  'flight',
  'truck',
  'place',
  'passenger',
  'document',
  'booking',
  'payment',
  'seizure',
  'case',
  'collection',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const EDGE_TYPES = [
  'shipper_of',
  'consignee_of',
  'notify_of',
  'forwarder_of',
  'uses_address',
  'uses_phone',
  'uses_email',
  'carried_on',
  'in_container',
  'loaded_at',
  'transshipped_at',
  'discharged_at',
  'booked_on',
  'travelled_on',
  'holds_document',
  'paid_with',
  'seized_in',
  'same_as',
  'linked_to_case',
  'collection',
] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

/** A node as the core sends it. `risk`: the lane of its open or decided hit (shipments, passengers), or
 * for a party the worst lane among the hits of its shipments seen so far; `watch`: watchlist entries it
 * matches; `merged`: the parties resolved into this one. */
export type GraphNode = {
  id: string;
  type: NodeType;
  label: string;
  /** A second line: country, date, mode… */
  detail: string;
  risk: Lane | null;
  watch: string[];
  /** The record a node opens (record views), if it is one. */
  record: { kind: 'shipment' | 'party' | 'container' | 'passenger' | 'conveyance'; id: number } | null;
  /** For places: where it is, for the geographic layout. */
  geo: { lat: number; lon: number } | null;
  merged?: number[];
  /** For a collection: what it folds (the node it hangs from, the link and node types) and how many. */
  collection?: { from: string; edge: EdgeType; nodeType: NodeType; count: number };
};

/** A link: direction as read ("party shipper_of shipment"), first and last date, how many records say so
 * and a few of them (`sources`, record references as "shipment:12"). */
export type GraphEdge = {
  id: string;
  type: EdgeType;
  source: string;
  target: string;
  first: string | null;
  last: string | null;
  count: number;
  sources: string[];
};

export type ExpandResult = {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Neighbours left out by the cap, per node and link type, folded into collection nodes (in `nodes`). */
  folded: { from: string; edge: EdgeType; nodeType: NodeType; count: number }[];
  ms: number;
};

export const NodeIdSchema = z
  .string()
  .min(3)
  .max(400)
  .regex(/^[a-z]+:.+$/);

export const ExpandInputSchema = z
  .object({
    nodes: z.array(NodeIdSchema).min(1).max(20_000),
    /** Only these link types (all when absent). */
    edges: z.array(z.enum(EDGE_TYPES)).optional(),
    /** Neighbours per node and link type before they fold into a collection node. */
    cap: z.number().int().min(1).max(100_000).default(50),
    /** Opening a collection: skip the first `offset` neighbours of that type (those already shown). */
    offset: z.number().int().min(0).default(0),
    /** Links only among these nodes, without adding new ones (to draw the links of a loaded chart). */
    among: z.boolean().default(false),
    /** Links only from these nodes to the ones named here, without adding new ones (a node added to a chart). */
    to: z.array(NodeIdSchema).max(200_000).optional(),
  })
  .strict();
export type ExpandInput = z.input<typeof ExpandInputSchema>;

/** A chart as saved: what is on it, where and how it looks, and the filters it had. */
export const ChartContentSchema = z
  .object({
    nodes: z.array(z.record(z.string(), z.unknown())).max(200_000),
    edges: z.array(z.record(z.string(), z.unknown())).max(1_000_000),
    positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
    pinned: z.array(z.string()).default([]),
    hidden: z.array(z.string()).default([]),
    groups: z.array(z.object({ id: z.string(), label: z.string(), members: z.array(z.string()) })).default([]),
    style: z.object({ sizeBy: z.string().nullable(), colourBy: z.string().nullable(), layout: z.string() }).passthrough(),
    filters: z.record(z.string(), z.unknown()).default({}),
    viewport: z
      .object({ zoom: z.number(), pan: z.object({ x: z.number(), y: z.number() }) })
      .nullable()
      .default(null),
  })
  .strict();
export type ChartContent = z.infer<typeof ChartContentSchema>;

export type ChartSummary = { id: number; name: string; description: string; nodes: number; edges: number; updatedBy: string; updatedAt: string };
export type Chart = ChartSummary & { content: ChartContent; createdBy: string; createdAt: string };

/** A candidate pair of duplicate parties, with why it was scored as it was. */
export type PartyMatch = {
  id: number;
  a: { id: number; name: string; country: string | null; address: string | null; shipments: number };
  b: { id: number; name: string; country: string | null; address: string | null; shipments: number };
  score: number;
  reasons: { name: number; nameDetail: string; address: boolean; phone: boolean; email: boolean; country: boolean | null };
  status: 'open' | 'accepted' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
};

export const MATCH_STATUSES = ['open', 'accepted', 'rejected'] as const;
