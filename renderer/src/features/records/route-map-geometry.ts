// The route map's geometry, with no React and no DOM so a Node test can check it: a simple equirectangular
// projection fitted to the route with padding and a minimum span, land polygons as SVG path strings (rings
// outside the view dropped, segments that jump across the antimeridian broken), and the legs between
// successive places.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

export type LonLat = readonly [lon: number, lat: number];
export type Point = readonly [x: number, y: number];
export type Bounds = { west: number; south: number; east: number; north: number };

export type Projection = {
  width: number;
  height: number;
  /** What the view shows, in degrees (west may be below −180 or east above 180 near the antimeridian). */
  bounds: Bounds;
  project(p: LonLat): Point;
};

export const MAP_DEFAULTS = {
  width: 600,
  height: 340,
  /** The view spans at least this many degrees of longitude, so a local route still shows its coast. */
  minSpan: 15,
  /** Padding on each side, as a share of the route's extent, and at least `minPad` degrees. */
  padding: 0.15,
  minPad: 2,
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** An equirectangular projection (true to scale along the view's middle parallel) that shows every point
 * with padding around them, at least `minSpan` degrees wide, fitted to a `width` × `height` view. */
export function fitProjection(points: readonly LonLat[], options: Partial<typeof MAP_DEFAULTS> = {}): Projection {
  const { width, height, minSpan, padding, minPad } = { ...MAP_DEFAULTS, ...options };
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [west, east] = lons.length ? [Math.min(...lons), Math.max(...lons)] : [-180, 180];
  const [south, north] = lats.length ? [Math.min(...lats), Math.max(...lats)] : [-60, 80];
  const padLon = Math.max((east - west) * padding, minPad);
  const padLat = Math.max((north - south) * padding, minPad);
  const lonSpan = Math.min(360, Math.max(east - west + 2 * padLon, minSpan));
  const latSpan = Math.min(180, north - south + 2 * padLat);
  const cx = (west + east) / 2;
  let cy = (south + north) / 2;
  // The middle parallel's scale, kept away from the poles so high latitudes do not squeeze the map.
  const kx = Math.cos((clamp(cy, -60, 60) * Math.PI) / 180);
  const scale = Math.min(width / (lonSpan * kx), height / Math.max(latSpan, 1e-9));
  const halfLat = height / scale / 2;
  const halfLon = width / (kx * scale) / 2;
  // Keep the view inside the poles where it fits.
  if (halfLat < 90) cy = clamp(cy, -90 + halfLat, 90 - halfLat);
  return {
    width,
    height,
    bounds: { west: cx - halfLon, south: cy - halfLat, east: cx + halfLon, north: cy + halfLat },
    project: ([lon, lat]) => [width / 2 + (lon - cx) * kx * scale, height / 2 - (lat - cy) * scale],
  };
}

/** The rings (outer boundaries and holes) of every polygon of a TopoJSON object, as longitude/latitude. */
export function landRings(topology: Topology, objectName = 'land'): LonLat[][] {
  const object = topology.objects[objectName];
  if (!object) return [];
  const converted = feature(topology, object);
  const geojson = converted.type === 'FeatureCollection' ? converted.features : [converted];
  const rings: LonLat[][] = [];
  const add = (polygon: Position[][]) => {
    for (const ring of polygon) rings.push(ring.map((p) => [p[0]!, p[1]!] as const));
  };
  for (const f of geojson) {
    const g = f.geometry as Polygon | MultiPolygon | null;
    if (g?.type === 'Polygon') add(g.coordinates);
    else if (g?.type === 'MultiPolygon') for (const polygon of g.coordinates) add(polygon);
  }
  return rings;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** An SVG path for rings, in the projection's coordinates: rings wholly outside the view are left out, and a
 * segment whose ends lie more than 180° of longitude apart (crossing the antimeridian) starts a new subpath
 * instead of being drawn across the whole map. */
export function ringsToPath(rings: readonly (readonly LonLat[])[], projection: Projection): string {
  const { width, height } = projection;
  const out: string[] = [];
  for (const ring of rings) {
    if (ring.length < 2) continue;
    const xy = ring.map((p) => projection.project(p));
    const xs = xy.map((p) => p[0]);
    const ys = xy.map((p) => p[1]);
    if (Math.max(...xs) < 0 || Math.min(...xs) > width || Math.max(...ys) < 0 || Math.min(...ys) > height) continue;
    let d = '';
    let broken = false;
    xy.forEach(([x, y], i) => {
      const jump = i > 0 && Math.abs(ring[i]![0] - ring[i - 1]![0]) > 180;
      if (jump) broken = true;
      d += `${i === 0 || jump ? 'M' : 'L'}${r1(x)} ${r1(y)}`;
    });
    out.push(broken ? d : `${d}Z`);
  }
  return out.join('');
}

export type Leg = { from: Point; mid: Point; to: Point; arrow: boolean };

/** The legs between successive places that are on the map (a place repeated in a row makes no leg), each
 * with its midpoint, where the arrowhead goes if the leg is long enough to show one. */
export function routeLegs(points: readonly Point[], minArrowLength = 24): Leg[] {
  const legs: Leg[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
    if (length < 0.5) continue;
    legs.push({ from, mid: [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2], to, arrow: length >= minArrowLength });
  }
  return legs;
}

export type Label = { x: number; y: number; anchor: 'start' | 'end' };
export const LABEL_BOX = { char: 7.5, height: 12, gap: 7, dot: 6 };

/** Where each place's code goes: beside its dot, above or below, right or left, the first spot that stays
 * in the view and clear of the labels placed before it and of the other dots. */
export function placeLabels(items: readonly { at: Point; text: string }[], width: number, height: number): Label[] {
  const { char, height: h, gap, dot } = LABEL_BOX;
  type Box = [x0: number, y0: number, x1: number, y1: number];
  const taken: Box[] = items.map(({ at: [x, y] }) => [x - dot, y - dot, x + dot, y + dot]);
  const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  return items.map(({ at: [px, py], text }, i) => {
    const w = text.length * char;
    const candidates: (Label & { box: Box })[] = [
      { x: px + gap, y: py - 4, anchor: 'start', box: [px + gap, py - 4 - h, px + gap + w, py - 2] },
      { x: px + gap, y: py + h + 2, anchor: 'start', box: [px + gap, py + 2, px + gap + w, py + h + 4] },
      { x: px - gap, y: py - 4, anchor: 'end', box: [px - gap - w, py - 4 - h, px - gap, py - 2] },
      { x: px - gap, y: py + h + 2, anchor: 'end', box: [px - gap - w, py + 2, px - gap, py + h + 4] },
    ];
    const inView = (b: Box) => b[0] >= 0 && b[1] >= 0 && b[2] <= width && b[3] <= height;
    const clear = (b: Box) => taken.every((t, j) => j === i || !overlaps(b, t));
    const best = candidates.find((c) => inView(c.box) && clear(c.box)) ?? candidates.find((c) => inView(c.box)) ?? candidates[0]!;
    taken.push(best.box);
    return { x: best.x, y: best.y, anchor: best.anchor };
  });
}
