// Where a place on a route is: seaports and inland terminals (UN/LOCODE), land border crossings (their own
// code, or a UN/LOCODE where they have one) and airports (IATA), from resources/reference/places.json.
// Country codes and places the reference does not know have no coordinates.
import { reference } from '../generator/reference.ts';

export type PlaceCoordinates = { name: string | null; lat: number | null; lon: number | null };
type Known = { name: string; lat: number; lon: number };

const UNKNOWN: PlaceCoordinates = { name: null, lat: null, lon: null };

let byCode: { surface: Map<string, Known>; air: Map<string, Known> } | null = null;

function maps() {
  if (byCode) return byCode;
  const ref = reference();
  const surface = new Map<string, Known>();
  const air = new Map<string, Known>();
  const add = (map: Map<string, Known>, code: string | null, p: Known) => {
    const key = code?.toUpperCase();
    if (key && !map.has(key)) map.set(key, { name: p.name, lat: p.lat, lon: p.lon });
  };
  for (const p of [...ref.seaports, ...ref.inlandTerminals]) add(surface, p.code, p);
  for (const p of ref.landCrossings) {
    add(surface, p.code, p);
    add(surface, p.unlocode, p);
  }
  for (const p of ref.airports) add(air, p.iata, p);
  return (byCode = { surface, air });
}

/** The name and coordinates of a place code. A three-letter code can be both an airport and a border
 * crossing (BOG: Bogotá, Bogorodica): an air shipment's places are looked up among airports first, any
 * other's among ports, terminals and crossings first. */
export function placeCoordinates(code: string, mode?: string): PlaceCoordinates {
  const { surface, air } = maps();
  const key = code.trim().toUpperCase();
  const [first, second] = mode === 'air' ? [air, surface] : [surface, air];
  return first.get(key) ?? second.get(key) ?? UNKNOWN;
}
