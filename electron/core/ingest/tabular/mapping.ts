// Column → field mapping for manifests in delimited text: suggestions from header names in English and
// the region's languages, and the value conversions a port community system export needs (European
// numbers and dates, the apostrophe that neutralised a spreadsheet formula).
import { normalizeName } from '../../../../shared/domain/names.ts';

import type { TableField } from '../../../../shared/domain/imports.ts';

/** The same list as shared TABLE_FIELDS (checked by the compiler below). */
export type FieldId =
  | 'mode'
  | 'docType'
  | 'docNumber'
  | 'masterDocNumber'
  | 'carrier'
  | 'vessel'
  | 'imo'
  | 'voyage'
  | 'placeReceipt'
  | 'placeLoading'
  | 'placesTransshipment'
  | 'placeDischarge'
  | 'placeDelivery'
  | 'bookingDate'
  | 'departureDate'
  | 'arrivalDate'
  | 'shipper'
  | 'shipperAddress'
  | 'shipperCountry'
  | 'consignee'
  | 'consigneeAddress'
  | 'consigneeCountry'
  | 'consigneePhone'
  | 'notify'
  | 'forwarder'
  | 'goodsDescription'
  | 'hsCodes'
  | 'packages'
  | 'packageType'
  | 'grossWeightKg'
  | 'volumeM3'
  | 'declaredValue'
  | 'currency'
  | 'freightTerms'
  | 'containers'
  | 'containerTypes'
  | 'seals';

/** Header names by field, in English and Bosnian/Croatian/Serbian (Latin, any case, with or without diacritics). */
// prettier-ignore
export const FIELDS: Record<FieldId, { required?: boolean; names: string[] }> = {
  mode: { names: ['mode', 'transport mode', 'vrsta prevoza', 'vid transporta'] },
  docType: { names: ['document type', 'doc type', 'vrsta dokumenta'] },
  docNumber: { required: true, names: ['document number', 'bill of lading', 'b l', 'bl number', 'b l number', 'awb', 'awb number', 'air waybill', 'cmr', 'broj teretnice', 'teretnica', 'broj dokumenta', 'broj tovarnog lista'] },
  masterDocNumber: { names: ['master document', 'master bl', 'master awb', 'mawb', 'glavni tovarni list'] },
  carrier: { names: ['carrier', 'conveyance', 'prevoznik'] },
  vessel: { names: ['vessel', 'ship', 'vessel name', 'brod', 'naziv broda'] },
  imo: { names: ['imo', 'imo number', 'imo broj'] },
  voyage: { names: ['voyage', 'voyage or flight', 'voyage number', 'flight', 'putovanje', 'let'] },
  placeReceipt: { names: ['place of receipt', 'mjesto prijema', 'mesto prijema'] },
  placeLoading: { names: ['port of loading', 'pol', 'loading port', 'luka utovara', 'mjesto utovara'] },
  placesTransshipment: { names: ['transshipment', 'transhipment', 'port of transshipment', 'pretovar', 'luka pretovara'] },
  placeDischarge: { names: ['port of discharge', 'pod', 'discharge port', 'luka istovara', 'mjesto istovara'] },
  placeDelivery: { names: ['place of delivery', 'final destination', 'odrediste', 'mjesto isporuke', 'mesto isporuke'] },
  bookingDate: { names: ['booking date', 'datum rezervacije'] },
  departureDate: { names: ['departure date', 'etd', 'datum polaska', 'datum isplovljenja'] },
  arrivalDate: { names: ['arrival date', 'eta', 'datum dolaska', 'datum uplovljenja'] },
  shipper: { names: ['shipper', 'consignor', 'exporter', 'posiljalac', 'posiljatelj', 'izvoznik'] },
  shipperAddress: { names: ['shipper address', 'consignor address', 'adresa posiljaoca', 'adresa posiljatelja'] },
  shipperCountry: { names: ['shipper country', 'consignor country', 'zemlja posiljaoca', 'drzava posiljatelja'] },
  consignee: { names: ['consignee', 'importer', 'receiver', 'primalac', 'primatelj', 'uvoznik'] },
  consigneeAddress: { names: ['consignee address', 'adresa primaoca', 'adresa primatelja'] },
  consigneeCountry: { names: ['consignee country', 'zemlja primaoca', 'drzava primatelja'] },
  consigneePhone: { names: ['consignee phone', 'telefon primaoca', 'telefon primatelja'] },
  notify: { names: ['notify party', 'notify', 'strana za obavjestavanje'] },
  forwarder: { names: ['forwarder', 'freight forwarder', 'spediter', 'spediteur'] },
  goodsDescription: { names: ['goods description', 'description of goods', 'description', 'goods', 'opis robe', 'roba', 'naziv robe'] },
  hsCodes: { names: ['hs codes', 'hs code', 'hs', 'tariff code', 'tarifni broj', 'tarifna oznaka'] },
  packages: { names: ['packages', 'number of packages', 'pieces', 'broj koleta', 'koleta', 'broj paketa'] },
  packageType: { names: ['package type', 'vrsta pakovanja', 'vrsta ambalaze'] },
  grossWeightKg: { names: ['gross weight kg', 'gross weight', 'weight kg', 'weight', 'bruto tezina', 'bruto masa', 'bruto kg', 'tezina'] },
  volumeM3: { names: ['volume m3', 'volume', 'cbm', 'zapremina', 'volumen'] },
  declaredValue: { names: ['declared value', 'value', 'vrijednost', 'vrednost', 'deklarirana vrijednost'] },
  currency: { names: ['currency', 'valuta'] },
  freightTerms: { names: ['freight terms', 'freight', 'uslovi vozarine', 'vozarina'] },
  containers: { names: ['containers', 'container', 'container number', 'kontejner', 'kontejneri', 'broj kontejnera'] },
  containerTypes: { names: ['container types', 'container type', 'size type', 'tip kontejnera'] },
  seals: { names: ['seals', 'seal', 'seal number', 'plombe', 'plomba', 'broj plombe'] },
};

export type Suggestion = { column: number; header: string; field: FieldId | null; confidence: number };
export type Mapping = Partial<Record<FieldId, number>>;

/** Suggests a field for each column: 1 for a known name, 0.6 for a header that contains one. */
export function suggestMapping(headers: string[]): Suggestion[] {
  const used = new Set<FieldId>();
  return headers.map((header, column) => {
    const h = normalizeName(header);
    let best: { field: FieldId | null; confidence: number } = { field: null, confidence: 0 };
    for (const [field, def] of Object.entries(FIELDS) as [FieldId, (typeof FIELDS)[FieldId]][]) {
      if (used.has(field)) continue;
      for (const name of def.names) {
        const c = h === name ? 1 : h.includes(name) && name.length >= 4 ? 0.6 : 0;
        if (c > best.confidence) best = { field, confidence: c };
      }
    }
    if (best.field && best.confidence >= 1) used.add(best.field);
    return { column, header, field: best.field, confidence: best.confidence };
  });
}

/** The mapping when every required field is matched with confidence; otherwise null. */
export function confidentMapping(suggestions: Suggestion[]): Mapping | null {
  const mapping: Mapping = {};
  for (const s of suggestions) if (s.field && s.confidence >= 1) mapping[s.field] = s.column;
  const missing = (Object.keys(FIELDS) as FieldId[]).filter((f) => FIELDS[f].required && mapping[f] === undefined);
  return missing.length === 0 ? mapping : null;
}

/** Undoes a spreadsheet formula's neutralisation: "'+387 61 …" is the text "+387 61 …". Never evaluated. */
export function cellText(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1).trim() : value.trim();
}

/**
 * 1.234,56 / 1,234.56 / 1234.56 / 1 234,56 → number, or null. For counts (`integer`), "1.080" is one
 * thousand and eighty, as a European export writes it.
 */
export function parseNumber(value: string, integer = false, european = false): number | null {
  let v = value.replace(/[\s\u00a0']/g, '');
  if (v === '') return null;
  if (integer && /^\d{1,3}([.,]\d{3})+$/.test(v)) return Number(v.replace(/[.,]/g, ''));
  // "1.200" in a file that writes decimals with a comma is one thousand two hundred.
  if (european && /^\d{1,3}(\.\d{3})+$/.test(v)) return Number(v.replace(/\./g, ''));
  const comma = v.lastIndexOf(',');
  const dot = v.lastIndexOf('.');
  if (comma > dot) v = v.replace(/\./g, '').replace(',', '.');
  else v = v.replace(/,/g, '');
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** True for a number written the European way: a decimal comma, perhaps after dot-grouped thousands. */
export const europeanNumber = (value: string) => /^\d{1,3}(\.\d{3})*,\d+$/.test(value.replace(/[\s\u00a0]/g, '')) || /^\d+,\d{1,2}$/.test(value.trim());

/** 2026-11-16 / 16.11.2026 / 16.11.2026. / 16/11/2026 → YYYY-MM-DD, or null. */
export function parseDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$/.exec(v);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return null;
}

// The UI's field list and this one must agree.
const sameFields: [FieldId] extends [TableField] ? ([TableField] extends [FieldId] ? true : false) : false = true;
void sameFields;
