// Typed access to resources/reference (see SOURCES.md there), loaded once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../app/paths.ts';

export type Seaport = { code: string; name: string; country: string; lat: number; lon: number; region?: boolean; hub?: boolean };
export type Airport = { iata: string; name: string; country: string; lat: number; lon: number; region?: boolean; hub?: boolean };
export type LandCrossing = { code: string; unlocode: string | null; name: string; between: [string, string]; lat: number; lon: number };
export type Country = { a2: string; a3: string; en: string; hbs: string };
export type ContainerType = { code: string; length_ft: number; type: string; tare_kg: number; max_payload_kg: number; capacity_m3: number; reefer: boolean };
export type SeaCarrier = { code: string; name: string; blPrefix: string; containerPrefixes: string[]; vesselPrefix: string };
export type AirCarrier = { iata: string; prefix: string; name: string; hub: string };

export type Reference = {
  seaports: Seaport[];
  inlandTerminals: Seaport[];
  airports: Airport[];
  landCrossings: LandCrossing[];
  countries: Country[];
  hs: { chapters: { code: string; description: string }[]; headings: { code: string; chapter: string; description: string }[] };
  containerTypes: ContainerType[];
  carriers: { sea: SeaCarrier[]; air: AirCarrier[] };
  taxonomies: { commodities: { group: string; items: string[] }[]; units: string[]; concealment: { code: string; label: string }[]; detection: string[] };
  locales: Record<string, unknown>;
  riskLists: { highRiskTransshipment: { seaports: string[]; airports: string[] }; sourceCountries: Record<string, string[]> };
};

let cached: Reference | null = null;

export function reference(): Reference {
  if (cached) return cached;
  const dir = join(resourcesDir(), 'reference');
  const read = <T>(name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
  const places = read<{ seaports: Seaport[]; inlandTerminals: Seaport[]; airports: Airport[]; landCrossings: LandCrossing[] }>('places.json');
  cached = {
    ...places,
    countries: read('countries.json'),
    hs: read('hs.json'),
    containerTypes: read('container-types.json'),
    carriers: read('carriers.json'),
    taxonomies: read('taxonomies.json'),
    riskLists: read('risk-lists.json'),
    locales: read('locales.json'),
  };
  return cached;
}
