// The shipment route map: the projection fitted to a route, the bundled land polygons as a path, legs
// across the antimeridian broken, and the core giving each place on a route its coordinates.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCoordinates } from '../../electron/core/records/places.ts';
import { shipmentRecord } from '../../electron/core/records/record-views.ts';
import type { Db } from '../../electron/core/workspace/database.ts';
import {
  LABEL_BOX,
  MAP_DEFAULTS,
  fitProjection,
  landRings,
  placeLabels,
  ringsToPath,
  routeLegs,
  type Label,
  type LonLat,
} from '../../renderer/src/features/records/route-map-geometry.ts';
import { PASSPHRASE, testCore, type TestCore } from './helpers/workspace.ts';

const BAR: LonLat = [19.0847, 42.0931];
const GIOIA_TAURO: LonLat = [15.898, 38.4426];
const SHANGHAI: LonLat = [121.49, 31.23];
const ROTTERDAM: LonLat = [4.1, 51.949];
const inView = ([x, y]: readonly [number, number], w: number, h: number) => x >= 0 && x <= w && y >= 0 && y <= h;

describe('route map projection', () => {
  it('shows a local route at least the minimum span wide, padded, every place inside the view', () => {
    const p = fitProjection([BAR, GIOIA_TAURO]);
    const { west, east, south, north } = p.bounds;
    expect(east - west).toBeGreaterThanOrEqual(MAP_DEFAULTS.minSpan);
    expect(west).toBeLessThanOrEqual(GIOIA_TAURO[0] - MAP_DEFAULTS.minPad);
    expect(east).toBeGreaterThanOrEqual(BAR[0] + MAP_DEFAULTS.minPad);
    expect(south).toBeLessThanOrEqual(GIOIA_TAURO[1] - MAP_DEFAULTS.minPad + 1e-9);
    expect(north).toBeGreaterThanOrEqual(BAR[1] + MAP_DEFAULTS.minPad - 1e-9);
    for (const place of [BAR, GIOIA_TAURO]) expect(inView(p.project(place), p.width, p.height)).toBe(true);
    // The corners of the bounds are the corners of the view.
    expect(p.project([west, north])).toEqual([expect.closeTo(0, 6), expect.closeTo(0, 6)]);
    expect(p.project([east, south])).toEqual([expect.closeTo(p.width, 6), expect.closeTo(p.height, 6)]);
  });

  it('pads a long route by a share of its extent and keeps it inside the view', () => {
    const p = fitProjection([SHANGHAI, BAR, ROTTERDAM]);
    const span = SHANGHAI[0] - ROTTERDAM[0];
    expect(p.bounds.east - p.bounds.west).toBeGreaterThanOrEqual(span * (1 + 2 * MAP_DEFAULTS.padding) - 1e-9);
    for (const place of [SHANGHAI, BAR, ROTTERDAM]) {
      const [x, y] = p.project(place);
      expect(inView([x, y], p.width, p.height)).toBe(true);
      expect(x).toBeGreaterThan(p.width * 0.05);
      expect(x).toBeLessThan(p.width * 0.95);
    }
    expect(p.bounds.north).toBeLessThanOrEqual(90);
    expect(p.bounds.south).toBeGreaterThanOrEqual(-90);
  });

  it('centres a single place in the view', () => {
    const p = fitProjection([BAR], { width: 400, height: 200 });
    expect(p.project(BAR)).toEqual([expect.closeTo(200, 6), expect.closeTo(100, 6)]);
  });

  it('breaks a ring where it jumps across the antimeridian instead of drawing across the map', () => {
    const p = fitProjection([
      [170, -20],
      [-170, -10],
    ]);
    const path = ringsToPath(
      [
        [
          [175, -15],
          [179.5, -15],
          [-179.5, -16],
          [-175, -16],
        ],
      ],
      p,
    );
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path).not.toMatch(/Z$/);
    const closed = ringsToPath(
      [
        [
          [10, 40],
          [12, 40],
          [12, 42],
          [10, 40],
        ],
      ],
      fitProjection([[11, 41]]),
    );
    expect(closed.match(/M/g)).toHaveLength(1);
    expect(closed).toMatch(/Z$/);
  });

  it('leaves out rings wholly outside the view', () => {
    const p = fitProjection([BAR]);
    const far: LonLat[] = [
      [-80, -10],
      [-79, -10],
      [-79, -9],
    ];
    expect(ringsToPath([far], p)).toBe('');
  });

  it('joins successive distinct places with legs, their arrowheads halfway', () => {
    const legs = routeLegs([
      [0, 0],
      [0, 0],
      [10, 20],
      [30, 20],
    ]);
    expect(legs).toEqual([
      { from: [0, 0], mid: [5, 10], to: [10, 20], arrow: false },
      { from: [10, 20], mid: [20, 20], to: [30, 20], arrow: false },
    ]);
    expect(
      routeLegs([
        [0, 0],
        [100, 0],
      ]),
    ).toEqual([{ from: [0, 0], mid: [50, 0], to: [100, 0], arrow: true }]);
  });

  it('places the codes of nearby places so they do not overlap, and inside the view', () => {
    const box = (l: Label, text: string) => {
      const w = text.length * LABEL_BOX.char;
      const x0 = l.anchor === 'start' ? l.x : l.x - w;
      return { x0, x1: x0 + w, y0: l.y - LABEL_BOX.height, y1: l.y };
    };
    const items = [
      { at: [300, 170] as const, text: 'TAB' },
      { at: [296, 176] as const, text: 'MKSKP' },
      { at: [595, 5] as const, text: 'GRPIR' },
    ];
    const labels = placeLabels(items, 600, 340);
    const [a, b, c] = labels.map((l, i) => box(l, items[i]!.text));
    expect(a!.x1 <= b!.x0 || b!.x1 <= a!.x0 || a!.y1 <= b!.y0 || b!.y1 <= a!.y0).toBe(true);
    expect(c!.x0).toBeGreaterThanOrEqual(0);
    expect(c!.x1).toBeLessThanOrEqual(600);
    expect(c!.y0).toBeGreaterThanOrEqual(0);
  });
});

describe('route map basemap', () => {
  const require = createRequire(import.meta.url);
  const land = JSON.parse(readFileSync(require.resolve('world-atlas/land-110m.json'), 'utf8')) as Topology;

  it('converts the bundled land polygons to a non-empty path around a route', () => {
    const rings = landRings(land);
    expect(rings.length).toBeGreaterThan(100);
    const path = ringsToPath(rings, fitProjection([BAR, GIOIA_TAURO]));
    expect(path).toMatch(/^M[\d.-]+ [\d.-]+L/);
    expect(path.length).toBeGreaterThan(1000);
    expect(path).not.toMatch(/NaN|Infinity/);
  });
});

describe('route coordinates', () => {
  let t: TestCore;
  let db: Db;
  beforeAll(async () => {
    t = testCore();
    await t.core.workspace.create({ dir: join(t.root, 'ws'), name: 'map', passphrase: PASSPHRASE });
    db = t.core.workspace.db();
  });
  afterAll(() => t.dispose());

  const insert = (mode: string, docType: string, places: (string | null)[], transshipment: string[] = []) =>
    (
      db
        .prepare(
          `INSERT INTO shipment (mode, doc_type, doc_number, place_receipt, place_loading, places_transshipment, place_discharge, place_delivery)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(mode, docType, `T${Math.random()}`, places[0], places[1], JSON.stringify(transshipment), places[2], places[3]) as { id: number }
    ).id;

  it('gives a known port its name and coordinates, and a country code none', () => {
    const r = shipmentRecord(db, insert('sea', 'BL', ['RS', 'mebar', 'ITGIT', 'XXXXX'], ['GRPIR']));
    expect(r.route).toEqual([
      { role: 'receipt', place: 'RS', name: null, lat: null, lon: null },
      { role: 'loading', place: 'mebar', name: 'Bar', lat: 42.0931, lon: 19.0847 },
      { role: 'transshipment', place: 'GRPIR', name: 'Piraeus', lat: 37.942, lon: 23.646 },
      { role: 'discharge', place: 'ITGIT', name: 'Gioia Tauro', lat: 38.4426, lon: 15.898 },
      { role: 'delivery', place: 'XXXXX', name: null, lat: null, lon: null },
    ]);
  });

  it('places airports by IATA code, inland terminals and border crossings by theirs', () => {
    const air = shipmentRecord(db, insert('air', 'AWB', [null, 'SKP', 'BOG', null]));
    expect(air.route.map((s) => s.name)).toEqual(['Skopje', 'Bogotá El Dorado']);
    expect(placeCoordinates('MKSKP').name).toMatch(/Skopje/);
    expect(placeCoordinates('BTR')).toMatchObject({ name: 'Batrovci', lat: 45.055, lon: 19.103 });
    // BOG is both Bogotá's airport and the Bogorodica crossing: the shipment's mode decides.
    expect(placeCoordinates('BOG', 'road').name).toBe('Bogorodica');
    expect(placeCoordinates('BOG', 'air').name).toMatch(/Bogotá/);
  });
});
