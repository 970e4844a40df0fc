// The link chart's data, read from SQL on demand: a node's neighbours of each link type (through the
// tables' own indexes), at most `cap` of them per type, the most recent first; the rest are folded into a
// collection node that carries their count and opens page by page. Nothing loads the workspace into
// memory: an expansion reads what it shows and counts what it leaves out.
import type { EdgeType, ExpandInput, ExpandResult, GraphEdge, GraphNode, NodeType } from '../../../shared/domain/graph.ts';
import { ExpandInputSchema } from '../../../shared/domain/graph.ts';
import { contactKey } from '../../../shared/domain/names.ts';
import { ftsQuery } from '../workspace/derived.ts';
import type { Lane } from '../../../shared/domain/targeting.ts';
import { AppError } from '../../../shared/errors.ts';
import { placeCoordinates } from '../records/places.ts';
import { watchIndexOf } from '../targeting/engine.ts';
import { TargetingStore } from '../targeting/store.ts';
import type { Db } from '../workspace/database.ts';

/** A neighbour as a query returns it: its node id, the link's direction and dates, and the record behind it. */
type Link = { node: string; out: boolean; first: string | null; last: string | null; source: string | null };
/** The neighbours of one node through one link type: a page of them, and how many there are in all. */
type Neighbours = { edge: EdgeType; nodeType: NodeType; links: Link[]; total: number };

const ROLE_EDGE: Record<string, EdgeType> = { shipper: 'shipper_of', consignee: 'consignee_of', notify: 'notify_of', forwarder: 'forwarder_of' };
const CONTACT_EDGE: Record<string, EdgeType> = { address: 'uses_address', phone: 'uses_phone', email: 'uses_email', payment: 'paid_with' };
const CONVEYANCE_TYPE: Record<string, NodeType> = { sea: 'vessel', air: 'flight', road: 'truck' };
/** The kinds of record a case links to that are nodes of their own. */
const CASE_LINKED = new Set(['shipment', 'container', 'party', 'passenger', 'booking', 'conveyance', 'seizure']);
const LANE_RANK: Record<Lane, number> = { red: 0, yellow: 1, blue: 2, green: 3 };
/** A party's risk is the worst lane among the hits of its latest shipments, this many at most. */
const PARTY_RISK_SHIPMENTS = 1000;

/** Splits a node id into its type and key ("party:12" → party, "12"; "document:RS:123" → document, "RS:123"). */
export function parseNodeId(id: string): { type: NodeType; key: string } {
  const at = id.indexOf(':');
  return { type: id.slice(0, at) as NodeType, key: id.slice(at + 1) };
}
const num = (key: string) => {
  const n = Number(key);
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('GRAPH_NODE_UNKNOWN', `There is no record ${key}.`, { key });
  return n;
};
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

export class GraphReader {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** The neighbours of the given nodes (or, with `among`, only the links between them). */
  expand(raw: ExpandInput): ExpandResult {
    const started = performance.now();
    const input = ExpandInputSchema.parse(raw);
    const only = input.edges ? new Set<EdgeType>(input.edges) : null;
    // Links only (no new nodes): among the given nodes, or from them to the ones named in `to`.
    const linksOnly = input.among || input.to !== undefined;
    const given = new Set(input.to ?? input.nodes);
    const edges = new Map<string, GraphEdge>();
    const found = new Set<string>();
    const folded: ExpandResult['folded'] = [];
    const collections: GraphNode[] = [];
    // Reading the links of a loaded chart: enough of each list to find the links to other nodes on it.
    const cap = linksOnly ? 10_000 : input.cap;
    for (const id of input.nodes) {
      for (const n of this.neighbours(id, only, cap, input.offset)) {
        for (const l of n.links) {
          if (linksOnly && !given.has(l.node)) continue;
          found.add(l.node);
          addEdge(edges, n.edge, l.out ? id : l.node, l.out ? l.node : id, l);
        }
        const left = n.total - input.offset - n.links.length;
        if (!linksOnly && left > 0) {
          const c = { from: id, edge: n.edge, nodeType: n.nodeType, count: left };
          folded.push(c);
          const cid = `collection:${id}|${n.edge}`;
          collections.push({
            id: cid,
            type: 'collection',
            label: `${left.toLocaleString('en')}`,
            detail: n.nodeType,
            risk: null,
            watch: [],
            record: null,
            geo: null,
            collection: c,
          });
          edges.set(`collection|${id}|${cid}`, {
            id: `collection|${id}|${cid}`,
            type: 'collection',
            source: id,
            target: cid,
            first: null,
            last: null,
            count: left,
            sources: [],
          });
        }
      }
    }
    for (const id of input.nodes) found.delete(id);
    const nodes = linksOnly ? [] : [...this.describe([...found]), ...collections];
    return { nodes, edges: [...edges.values()], folded, ms: performance.now() - started };
  }

  /** The nodes of the given ids, described (label, risk, watchlists, coordinates); unknown ids are left out. */
  describe(ids: string[]): GraphNode[] {
    const byType = new Map<NodeType, string[]>();
    for (const id of ids) {
      const { type, key } = parseNodeId(id);
      (byType.get(type) ?? byType.set(type, []).get(type)!).push(key);
    }
    const out: GraphNode[] = [];
    for (const [type, keys] of byType) {
      for (let i = 0; i < keys.length; i += 500) out.push(...this.describeType(type, keys.slice(i, i + 500)));
    }
    return out;
  }

  /** Records matching a text, as nodes to start a chart from: parties, shipments, containers, passengers. */
  find(text: string, limit: number): GraphNode[] {
    const db = this.db;
    const q = ftsQuery(text);
    const ids: string[] = [];
    const upper = text.trim().toUpperCase();
    if (upper) {
      for (const id of db.prepare('SELECT id FROM container WHERE number = ? LIMIT 5').pluck().all(upper.replace(/\s/g, '')) as number[])
        ids.push(`container:${id}`);
      for (const id of db.prepare('SELECT id FROM shipment WHERE doc_number = ? LIMIT 5').pluck().all(text.trim()) as number[]) ids.push(`shipment:${id}`);
    }
    if (q) {
      for (const [table, type] of [
        ['party', 'party'],
        ['passenger', 'passenger'],
        ['shipment', 'shipment'],
      ] as const) {
        const rows = db.prepare(`SELECT rowid FROM ${table}_search WHERE ${table}_search MATCH ? LIMIT ?`).pluck().all(q, limit) as number[];
        for (const id of rows) ids.push(`${type}:${id}`);
      }
    }
    const unique = [...new Set(ids.map((id) => (id.startsWith('party:') ? `party:${this.canonical(Number(id.slice(6)))}` : id)))].slice(0, limit);
    const described = new Map(this.describe(unique).map((n) => [n.id, n]));
    return unique.map((id) => described.get(id)).filter((n): n is GraphNode => n !== undefined);
  }

  // -------------------------------------------------------------------------------------------------
  // Neighbours

  private neighbours(id: string, only: Set<EdgeType> | null, cap: number, offset: number): Neighbours[] {
    const { type, key } = parseNodeId(id);
    const want = (e: EdgeType) => !only || only.has(e);
    const limit = cap + offset;
    const page = (links: Link[]) => links.slice(offset, offset + cap);
    const out: Neighbours[] = [];
    const db = this.db;
    switch (type) {
      case 'party': {
        const members = this.members(num(key));
        const inList = `(${marks(members.length)})`;
        const counts = new Map(
          db
            .prepare(`SELECT role, count(*) FROM shipment_party WHERE party_id IN ${inList} GROUP BY role`)
            .raw()
            .all(...members) as [string, number][],
        );
        for (const [role, edge] of Object.entries(ROLE_EDGE)) {
          const total = counts.get(role) ?? 0;
          if (!want(edge) || total === 0) continue;
          const rows = db
            .prepare(
              `SELECT s.id, s.arrival_date FROM shipment_party sp JOIN shipment s ON s.id = sp.shipment_id
               WHERE sp.party_id IN ${inList} AND sp.role = ? ORDER BY s.arrival_date DESC, s.id DESC LIMIT ?`,
            )
            .raw()
            .all(...members, role, limit) as [number, string | null][];
          out.push({ edge, nodeType: 'shipment', total, links: page(rows.map(([sid, date]) => link(`shipment:${sid}`, true, date, `shipment:${sid}`))) });
        }
        const contacts = db
          .prepare(`SELECT kind, value, max(shown) FROM graph_contact WHERE owner = 'party' AND owner_id IN ${inList} GROUP BY kind, value`)
          .raw()
          .all(...members) as [string, string, string][];
        for (const kind of ['address', 'phone', 'email'] as const) {
          const edge = CONTACT_EDGE[kind]!;
          const mine = contacts.filter((c) => c[0] === kind);
          if (want(edge) && mine.length) {
            out.push({ edge, nodeType: kind, total: mine.length, links: page(mine.map(([, value]) => link(`${kind}:${value}`, true, null, null))) });
          }
        }
        if (want('same_as')) {
          const rows = db
            .prepare(
              `SELECT CASE WHEN a IN ${inList} THEN b ELSE a END FROM party_match WHERE status = 'open' AND (a IN ${inList} OR b IN ${inList}) ORDER BY score DESC LIMIT ?`,
            )
            .pluck()
            .all(...members, ...members, ...members, limit) as number[];
          const others = [...new Set(rows.map((p) => this.canonical(p)))].filter((p) => !members.includes(p));
          if (others.length)
            out.push({ edge: 'same_as', nodeType: 'party', total: others.length, links: page(others.map((p) => link(`party:${p}`, true, null, null))) });
        }
        break;
      }
      case 'address':
      case 'phone':
      case 'email':
      case 'payment': {
        const edge = CONTACT_EDGE[type]!;
        if (!want(edge)) break;
        const kind = type;
        for (const owner of ['party', 'booking'] as const) {
          const total =
            (db.prepare('SELECT count(*) FROM graph_contact WHERE kind = ? AND value = ? AND owner = ?').pluck().get(kind, key, owner) as number) ?? 0;
          if (total === 0) continue;
          const rows = db
            .prepare('SELECT owner_id FROM graph_contact WHERE kind = ? AND value = ? AND owner = ? ORDER BY owner_id DESC LIMIT ?')
            .pluck()
            .all(kind, key, owner, limit) as number[];
          const ids = owner === 'party' ? [...new Set(rows.map((p) => this.canonical(p)))] : rows;
          out.push({ edge, nodeType: owner, total, links: page(ids.map((oid) => link(`${owner}:${oid}`, false, null, null))) });
        }
        break;
      }
      case 'shipment': {
        const sid = num(key);
        const s = db
          .prepare('SELECT mode, conveyance_id, place_loading, places_transshipment, place_discharge, departure_date, arrival_date FROM shipment WHERE id = ?')
          .get(sid) as
          | {
              mode: string;
              conveyance_id: number | null;
              place_loading: string | null;
              places_transshipment: string;
              place_discharge: string | null;
              departure_date: string | null;
              arrival_date: string | null;
            }
          | undefined;
        if (!s) break;
        const src = `shipment:${sid}`;
        const parties = db.prepare('SELECT role, party_id FROM shipment_party WHERE shipment_id = ?').raw().all(sid) as [string, number][];
        for (const [role, edge] of Object.entries(ROLE_EDGE)) {
          const ps = parties.filter((p) => p[0] === role).map((p) => this.canonical(p[1]));
          if (want(edge) && ps.length)
            out.push({ edge, nodeType: 'party', total: ps.length, links: page(ps.map((p) => link(`party:${p}`, false, s.arrival_date, src))) });
        }
        if (want('in_container')) {
          const boxes = db.prepare('SELECT container_id FROM shipment_container WHERE shipment_id = ?').pluck().all(sid) as number[];
          if (boxes.length)
            out.push({
              edge: 'in_container',
              nodeType: 'container',
              total: boxes.length,
              links: page(boxes.map((c) => link(`container:${c}`, true, s.arrival_date, src))),
            });
        }
        if (want('carried_on') && s.conveyance_id !== null) {
          const t = CONVEYANCE_TYPE[s.mode] ?? 'vessel';
          out.push({
            edge: 'carried_on',
            nodeType: t,
            total: 1,
            links: page([link(`${t}:${s.conveyance_id}`, true, s.departure_date ?? s.arrival_date, src)]),
          });
        }
        const places: [EdgeType, string[], string | null][] = [
          ['loaded_at', s.place_loading ? [s.place_loading] : [], s.departure_date],
          ['transshipped_at', parseList(s.places_transshipment), null],
          ['discharged_at', s.place_discharge ? [s.place_discharge] : [], s.arrival_date],
        ];
        for (const [edge, codes, date] of places) {
          if (want(edge) && codes.length)
            out.push({ edge, nodeType: 'place', total: codes.length, links: page(codes.map((c) => link(`place:${c}`, true, date, src))) });
        }
        if (want('seized_in')) this.seizures('shipment', sid, limit, page, out);
        break;
      }
      case 'container': {
        if (!want('in_container')) break;
        const cid = num(key);
        const total = db.prepare('SELECT count(*) FROM shipment_container WHERE container_id = ?').pluck().get(cid) as number;
        const rows = db
          .prepare(
            `SELECT s.id, s.arrival_date FROM shipment_container sc JOIN shipment s ON s.id = sc.shipment_id WHERE sc.container_id = ?
             ORDER BY s.arrival_date DESC, s.id DESC LIMIT ?`,
          )
          .raw()
          .all(cid, limit) as [number, string | null][];
        if (total)
          out.push({
            edge: 'in_container',
            nodeType: 'shipment',
            total,
            links: page(rows.map(([sid, d]) => link(`shipment:${sid}`, false, d, `shipment:${sid}`))),
          });
        break;
      }
      case 'vessel':
      case 'flight':
      case 'truck': {
        const vid = num(key);
        if (want('carried_on')) {
          const total = db.prepare('SELECT count(*) FROM shipment WHERE conveyance_id = ?').pluck().get(vid) as number;
          const rows = db.prepare('SELECT id, arrival_date FROM shipment WHERE conveyance_id = ? ORDER BY id DESC LIMIT ?').raw().all(vid, limit) as [
            number,
            string | null,
          ][];
          if (total)
            out.push({
              edge: 'carried_on',
              nodeType: 'shipment',
              total,
              links: page(rows.map(([sid, d]) => link(`shipment:${sid}`, false, d, `shipment:${sid}`))),
            });
        }
        if (want('travelled_on')) {
          const total = db.prepare('SELECT count(*) FROM passenger_flight WHERE conveyance_id = ?').pluck().get(vid) as number;
          const date = db.prepare('SELECT flight_date FROM conveyance WHERE id = ?').pluck().get(vid) as string | null;
          const rows = db
            .prepare('SELECT passenger_id FROM passenger_flight WHERE conveyance_id = ? ORDER BY passenger_id LIMIT ?')
            .pluck()
            .all(vid, limit) as number[];
          if (total)
            out.push({
              edge: 'travelled_on',
              nodeType: 'passenger',
              total,
              links: page(rows.map((p) => link(`passenger:${p}`, false, date, `passenger:${p}`))),
            });
        }
        break;
      }
      case 'place': {
        for (const [edge, column, dateColumn] of [
          ['loaded_at', 'place_loading', 'departure_date'],
          ['discharged_at', 'place_discharge', 'arrival_date'],
        ] as const) {
          if (!want(edge)) continue;
          const total = db.prepare(`SELECT count(*) FROM shipment WHERE ${column} = ?`).pluck().get(key) as number;
          if (!total) continue;
          // Newest first by id: the index on the place column gives ids in order, without a sort of them all.
          const rows = db.prepare(`SELECT id, ${dateColumn} FROM shipment WHERE ${column} = ? ORDER BY id DESC LIMIT ?`).raw().all(key, limit) as [
            number,
            string | null,
          ][];
          out.push({ edge, nodeType: 'shipment', total, links: page(rows.map(([sid, d]) => link(`shipment:${sid}`, false, d, `shipment:${sid}`))) });
        }
        break;
      }
      case 'passenger': {
        const pid = num(key);
        const p = db.prepare('SELECT doc_number, doc_country FROM passenger WHERE id = ?').get(pid) as
          { doc_number: string | null; doc_country: string | null } | undefined;
        if (!p) break;
        const src = `passenger:${pid}`;
        if (want('booked_on')) {
          const rows = db
            .prepare('SELECT b.id, b.booking_date FROM booking_passenger bp JOIN booking b ON b.id = bp.booking_id WHERE bp.passenger_id = ?')
            .raw()
            .all(pid) as [number, string | null][];
          if (rows.length)
            out.push({ edge: 'booked_on', nodeType: 'booking', total: rows.length, links: page(rows.map(([b, d]) => link(`booking:${b}`, true, d, src))) });
        }
        if (want('travelled_on')) {
          const rows = db
            .prepare('SELECT c.id, c.flight_date FROM passenger_flight f JOIN conveyance c ON c.id = f.conveyance_id WHERE f.passenger_id = ?')
            .raw()
            .all(pid) as [number, string | null][];
          if (rows.length)
            out.push({ edge: 'travelled_on', nodeType: 'flight', total: rows.length, links: page(rows.map(([c, d]) => link(`flight:${c}`, true, d, src))) });
        }
        if (want('holds_document') && p.doc_number) {
          out.push({
            edge: 'holds_document',
            nodeType: 'document',
            total: 1,
            links: [link(`document:${p.doc_country ?? ''}:${p.doc_number}`, true, null, src)],
          });
        }
        if (want('seized_in')) this.seizures('passenger', pid, limit, page, out);
        break;
      }
      case 'document': {
        if (!want('holds_document')) break;
        const at = key.indexOf(':');
        const country = key.slice(0, at);
        const number = key.slice(at + 1);
        const rows = db
          .prepare('SELECT id FROM passenger WHERE doc_number = ? AND coalesce(doc_country, ?) = ? ORDER BY id DESC LIMIT ?')
          .pluck()
          .all(number, country, country, limit) as number[];
        if (rows.length)
          out.push({
            edge: 'holds_document',
            nodeType: 'passenger',
            total: rows.length,
            links: page(rows.map((p) => link(`passenger:${p}`, false, null, `passenger:${p}`))),
          });
        break;
      }
      case 'booking': {
        const bid = num(key);
        if (want('booked_on')) {
          const rows = db.prepare('SELECT passenger_id FROM booking_passenger WHERE booking_id = ?').pluck().all(bid) as number[];
          const date = db.prepare('SELECT booking_date FROM booking WHERE id = ?').pluck().get(bid) as string | null;
          if (rows.length)
            out.push({
              edge: 'booked_on',
              nodeType: 'passenger',
              total: rows.length,
              links: page(rows.map((p) => link(`passenger:${p}`, false, date, `booking:${bid}`))),
            });
        }
        const contacts = db.prepare(`SELECT kind, value FROM graph_contact WHERE owner = 'booking' AND owner_id = ?`).raw().all(bid) as [string, string][];
        for (const kind of ['phone', 'email', 'payment'] as const) {
          const edge = CONTACT_EDGE[kind]!;
          const mine = [...new Set(contacts.filter((c) => c[0] === kind).map((c) => c[1]))];
          if (want(edge) && mine.length)
            out.push({ edge, nodeType: kind, total: mine.length, links: page(mine.map((v) => link(`${kind}:${v}`, true, null, `booking:${bid}`))) });
        }
        break;
      }
      case 'seizure': {
        if (!want('seized_in')) break;
        const z = db.prepare('SELECT entity, entity_id, date FROM seizure WHERE id = ?').get(num(key)) as
          { entity: string | null; entity_id: number | null; date: string } | undefined;
        // A seizure recorded in a case may have been found in no shipment or passenger.
        if (z?.entity && z.entity_id !== null)
          out.push({
            edge: 'seized_in',
            nodeType: z.entity as NodeType,
            total: 1,
            links: [link(`${z.entity}:${z.entity_id}`, true, z.date, `seizure:${key}`)],
          });
        break;
      }
      case 'case':
        if (want('linked_to_case')) this.caseRecords(num(key), limit, page, out);
        break;
      case 'collection':
        break;
    }
    // Any record a case links to: the cases, newest first.
    const linkKind = type === 'vessel' || type === 'flight' || type === 'truck' ? 'conveyance' : type;
    if (want('linked_to_case') && CASE_LINKED.has(linkKind)) {
      const ids = linkKind === 'party' ? this.members(num(key)) : [num(key)];
      const rows = this.db
        .prepare(`SELECT case_id, min(added_at) FROM case_link WHERE kind = ? AND ref_id IN (${marks(ids.length)}) GROUP BY case_id ORDER BY case_id DESC`)
        .raw()
        .all(linkKind, ...ids) as [number, string][];
      if (rows.length)
        out.push({
          edge: 'linked_to_case',
          nodeType: 'case',
          total: rows.length,
          links: page(rows.map(([c, at]) => link(`case:${c}`, false, at, `case:${c}`))),
        });
    }
    return out;
  }

  /** The records a case links to, as nodes (a hit as its shipment or passenger; charts are not records). */
  private caseRecords(caseId: number, limit: number, page: (l: Link[]) => Link[], out: Neighbours[]): void {
    const rows = this.db
      .prepare(
        `SELECT l.kind, l.ref_id, l.added_at, h.entity, h.entity_id, c.mode FROM case_link l
         LEFT JOIN target_hit h ON l.kind = 'hit' AND h.id = l.ref_id
         LEFT JOIN conveyance c ON l.kind = 'conveyance' AND c.id = l.ref_id
         WHERE l.case_id = ? AND l.kind != 'chart' ORDER BY l.id LIMIT ?`,
      )
      .raw()
      .all(caseId, limit) as [string, number, string, string | null, number | null, string | null][];
    const total = this.db.prepare(`SELECT count(*) FROM case_link WHERE case_id = ? AND kind != 'chart'`).pluck().get(caseId) as number;
    const links = new Map<string, Link>();
    for (const [kind, ref, at, entity, entityId, mode] of rows) {
      let node: string | null;
      if (kind === 'hit') node = entity && entityId ? `${entity}:${entityId}` : null;
      else if (kind === 'conveyance') node = `${CONVEYANCE_TYPE[mode ?? 'sea'] ?? 'vessel'}:${ref}`;
      else if (kind === 'party') node = `party:${this.canonical(ref)}`;
      else node = `${kind}:${ref}`;
      if (node && !links.has(node)) links.set(node, link(node, true, at, `case:${caseId}`));
    }
    if (links.size) out.push({ edge: 'linked_to_case', nodeType: 'shipment', total: Math.max(total, links.size), links: page([...links.values()]) });
  }

  private seizures(entity: 'shipment' | 'passenger', id: number, limit: number, page: (l: Link[]) => Link[], out: Neighbours[]): void {
    const rows = this.db.prepare('SELECT id, date FROM seizure WHERE entity = ? AND entity_id = ? ORDER BY date DESC LIMIT ?').raw().all(entity, id, limit) as [
      number,
      string,
    ][];
    if (rows.length)
      out.push({
        edge: 'seized_in',
        nodeType: 'seizure',
        total: rows.length,
        links: page(rows.map(([z, d]) => link(`seizure:${z}`, false, d, `seizure:${z}`))),
      });
  }

  /** A party and the parties merged into it (entity resolution). */
  private members(id: number): number[] {
    const root = this.canonical(id);
    return [root, ...(this.db.prepare('SELECT party_id FROM party_merge WHERE into_id = ?').pluck().all(root) as number[])];
  }

  private canonical(id: number): number {
    return (this.db.prepare('SELECT into_id FROM party_merge WHERE party_id = ?').pluck().get(id) as number | undefined) ?? id;
  }

  // -------------------------------------------------------------------------------------------------
  // Describing nodes

  private describeType(type: NodeType, keys: string[]): GraphNode[] {
    const db = this.db;
    const base = (id: string, label: string, detail: string): GraphNode => ({ id, type, label, detail, risk: null, watch: [], record: null, geo: null });
    const ids = () => keys.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    switch (type) {
      case 'party': {
        const list = ids();
        const rows = db
          .prepare(`SELECT id, name, kind, country, city FROM party WHERE id IN (${marks(list.length)})`)
          .raw()
          .all(...list) as [number, string, string, string | null, string | null][];
        const merged = new Map<number, number[]>();
        for (const [pid, into] of db
          .prepare(`SELECT party_id, into_id FROM party_merge WHERE into_id IN (${marks(list.length)})`)
          .raw()
          .all(...list) as [number, number][]) {
          (merged.get(into) ?? merged.set(into, []).get(into)!).push(pid);
        }
        const watch = this.partyWatchlists();
        const risk = db.prepare(
          `SELECT min(CASE h.lane WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'blue' THEN 2 ELSE 3 END) FROM
             (SELECT shipment_id FROM shipment_party WHERE party_id = ? ORDER BY shipment_id DESC LIMIT ${PARTY_RISK_SHIPMENTS}) sp
           JOIN target_hit h ON h.entity = 'shipment' AND h.entity_id = sp.shipment_id`,
        );
        return rows.map(([id, name, kind, country, city]) => {
          const n = base(`party:${id}`, name, [kind === 'person' ? 'person' : null, city, country].filter(Boolean).join(' · '));
          n.record = { kind: 'party', id };
          n.watch = watch.flatMap((w) => {
            const m = w.match(name);
            return m ? [`${m.list}: ${m.entry}`] : [];
          });
          const rank = risk.pluck().get(id) as number | null;
          n.risk = rank === null ? null : laneOfRank(rank);
          const m = merged.get(id);
          if (m) n.merged = m;
          return n;
        });
      }
      case 'shipment': {
        const list = ids();
        const rows = db
          .prepare(`SELECT id, doc_type, doc_number, mode, place_loading, place_discharge, arrival_date FROM shipment WHERE id IN (${marks(list.length)})`)
          .raw()
          .all(...list) as [number, string, string, string, string | null, string | null, string | null][];
        const lanes = this.lanes('shipment', list);
        return rows.map(([id, docType, doc, mode, from, to, date]) => {
          const n = base(`shipment:${id}`, `${docType} ${doc}`, [mode, from && to ? `${from} → ${to}` : (from ?? to), date].filter(Boolean).join(' · '));
          n.record = { kind: 'shipment', id };
          n.risk = lanes.get(id) ?? null;
          n.watch = this.truthOf('shipment', doc);
          return n;
        });
      }
      case 'container': {
        const list = ids();
        const rows = db
          .prepare(`SELECT id, number, size_type, number_valid FROM container WHERE id IN (${marks(list.length)})`)
          .raw()
          .all(...list) as [number, string, string | null, number][];
        return rows.map(([id, number, size, valid]) => {
          const n = base(`container:${id}`, number, [size, valid ? null : 'check digit wrong'].filter(Boolean).join(' · '));
          n.record = { kind: 'container', id };
          return n;
        });
      }
      case 'vessel':
      case 'flight':
      case 'truck': {
        const list = ids();
        const rows = db
          .prepare(
            `SELECT id, mode, vessel_name, imo, flag, carrier_code, flight_number, flight_date, plates FROM conveyance WHERE id IN (${marks(list.length)})`,
          )
          .raw()
          .all(...list) as [number, string, string | null, string | null, string | null, string | null, string | null, string | null, string | null][];
        return rows.map(([id, mode, vessel, imo, flag, carrier, flight, date, plate]) => {
          const t = CONVEYANCE_TYPE[mode] ?? 'vessel';
          const label =
            t === 'vessel' ? (vessel ?? `IMO ${imo}`) : t === 'flight' ? `${carrier ?? ''}${flight ?? ''}` : parseList(plate).join(' / ') || vessel || `#${id}`;
          const detail = t === 'vessel' ? [imo ? `IMO ${imo}` : null, flag].filter(Boolean).join(' · ') : (date ?? '');
          return { ...base(`${t}:${id}`, label, detail), type: t, record: { kind: 'conveyance' as const, id } };
        });
      }
      case 'place':
        return keys.map((code) => {
          const p = placeCoordinates(code);
          const n = base(`place:${code}`, code, p.name ?? '');
          if (p.lat !== null && p.lon !== null) n.geo = { lat: p.lat, lon: p.lon };
          return n;
        });
      case 'address':
      case 'phone':
      case 'email':
      case 'payment': {
        const shown = db.prepare('SELECT shown, count(*) FROM graph_contact WHERE kind = ? AND value = ?').raw();
        return keys.map((value) => {
          const [text, uses] = shown.get(type, value) as [string | null, number];
          return base(`${type}:${value}`, text ?? value, `${uses} ${uses === 1 ? 'record' : 'records'}`);
        });
      }
      case 'passenger': {
        const list = ids();
        const rows = db
          .prepare(`SELECT id, surname, given_names, nationality, birth_date, doc_number FROM passenger WHERE id IN (${marks(list.length)})`)
          .raw()
          .all(...list) as [number, string, string | null, string | null, string | null, string | null][];
        const lanes = this.lanes('passenger', list);
        return rows.map(([id, surname, given, nat, born, doc]) => {
          const n = base(`passenger:${id}`, `${surname}${given ? `, ${given}` : ''}`, [nat, born].filter(Boolean).join(' · '));
          n.record = { kind: 'passenger', id };
          n.risk = lanes.get(id) ?? null;
          n.watch = doc ? this.truthOf('passenger', doc) : [];
          return n;
        });
      }
      case 'document':
        return keys.map((key) => {
          const at = key.indexOf(':');
          return base(`document:${key}`, key.slice(at + 1), key.slice(0, at));
        });
      case 'booking': {
        const list = ids();
        const rows = db
          .prepare(`SELECT id, record_locator, booking_date, agency FROM booking WHERE id IN (${marks(list.length)})`)
          .raw()
          .all(...list) as [number, string, string | null, string | null][];
        return rows.map(([id, pnr, date, agency]) => base(`booking:${id}`, pnr, [date?.slice(0, 10), agency].filter(Boolean).join(' · ')));
      }
      case 'seizure': {
        const list = ids();
        const rows = db
          .prepare(`SELECT id, commodity, quantity, unit, date, place FROM seizure WHERE id IN (${marks(list.length)})`)
          .raw()
          .all(...list) as [number, string, number, string, string, string][];
        return rows.map(([id, commodity, qty, unit, date, place]) => {
          const n = base(`seizure:${id}`, `${commodity} ${qty} ${unit}`, [date, place].filter(Boolean).join(' · '));
          n.risk = 'red';
          return n;
        });
      }
      case 'case': {
        const list = ids();
        const rows = this.db
          .prepare(`SELECT id, reference, title, status, tlp FROM "case" WHERE id IN (${marks(list.length)})`)
          .raw()
          .all(...list) as [number, string, string, string, string][];
        return rows.map(([id, reference, title, status, tlp]) => base(`case:${id}`, `${reference} ${title}`, `TLP:${tlp} · ${status}`));
      }
      case 'collection':
        return [];
    }
  }

  private lanes(entity: 'shipment' | 'passenger', ids: number[]): Map<number, Lane> {
    if (!ids.length) return new Map();
    return new Map(
      this.db
        .prepare(`SELECT entity_id, lane FROM target_hit WHERE entity = ? AND entity_id IN (${marks(ids.length)})`)
        .raw()
        .all(entity, ...ids) as [number, Lane][],
    );
  }

  /** In a training workspace after the debrief's reveal: the scheme a record hides, marked like a watchlist match. */
  private truthOf(entity: 'shipment' | 'passenger', ref: string): string[] {
    const row = this.db.prepare('SELECT scheme FROM training_truth WHERE entity = ? AND ref = ?').get(entity, ref) as { scheme: string } | undefined;
    return row ? [`Ground truth: ${row.scheme}`] : [];
  }

  private watchlists: ReturnType<typeof watchIndexOf>[] | null = null;
  private partyWatchlists() {
    this.watchlists ??= new TargetingStore(() => this.db)
      .watchlistData()
      .filter((w) => w.kind === 'party' && w.entries.length > 0)
      .map(watchIndexOf);
    return this.watchlists;
  }
}

function link(node: string, out: boolean, date: string | null, source: string | null): Link {
  return { node, out, first: date, last: date, source };
}

function laneOfRank(rank: number): Lane {
  return (Object.keys(LANE_RANK) as Lane[]).find((l) => LANE_RANK[l] === rank) ?? 'green';
}

function parseList(text: string | null): string[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** Adds a link to the chart's edges, merging it with the same link found from another record. */
function addEdge(edges: Map<string, GraphEdge>, type: EdgeType, source: string, target: string, l: Link): void {
  const id = `${type}|${source}|${target}`;
  const e = edges.get(id);
  if (!e) {
    edges.set(id, { id, type, source, target, first: l.first, last: l.last, count: 1, sources: l.source ? [l.source] : [] });
    return;
  }
  e.count++;
  if (l.first && (!e.first || l.first < e.first)) e.first = l.first;
  if (l.last && (!e.last || l.last > e.last)) e.last = l.last;
  if (l.source && e.sources.length < 20 && !e.sources.includes(l.source)) e.sources.push(l.source);
}

/** The key of a contact value typed by an analyst (to start a chart from a phone or an address). */
export function contactNodeId(kind: 'address' | 'phone' | 'email' | 'payment', text: string): string | null {
  const key = contactKey(kind, text);
  return key === null ? null : `${kind}:${key}`;
}
