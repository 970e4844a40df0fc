import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync, crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { validateAwbNumber, validateContainerNumber, validateImoNumber, validateMrz } from '../../shared/domain/identifiers.ts';
import { normalizeName } from '../../shared/domain/names.ts';
import { OUTPUT_FORMATS, writeScenarioFiles } from '../../electron/core/generator/files/index.ts';
import { SCHEMES, type GenMovement, type GenFlight, type GenParty, type ScenarioParams } from '../../electron/core/generator/model.ts';
import { DEFAULT_PARAMS, generateScenario } from '../../electron/core/generator/scenario.ts';
import { tempDir } from './helpers/workspace.ts';

const params = (over: Partial<ScenarioParams> = {}): ScenarioParams => ({
  ...DEFAULT_PARAMS,
  seed: 11,
  shipments: 3000,
  passengers: 2000,
  rate: 0.02,
  ...over,
});
const tmp = tempDir('portcullis-gen-');
afterAll(() => tmp.remove());

function collect(p: ScenarioParams) {
  const scenario = generateScenario(p);
  const parties = new Map<string, GenParty>();
  const movements: GenMovement[] = [];
  const flights: GenFlight[] = [];
  for (const item of scenario.items) {
    if (item.type === 'party') parties.set(item.party.key, item.party);
    else if (item.type === 'movement') movements.push(item.movement);
    else if (item.type === 'flight') flights.push(item.flight);
  }
  return {
    answerKey: scenario.answerKey,
    parties,
    movements,
    flights,
    shipments: movements.flatMap((m) => m.shipments),
    passengers: flights.flatMap((f) => f.bookings.flatMap((b) => b.passengers)),
  };
}

function filesHash(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

function writeAll(name: string, p: ScenarioParams): string {
  const dir = join(tmp.path, name);
  mkdirSync(dir);
  const scenario = generateScenario(p);
  writeScenarioFiles(dir, p, scenario.items, [...OUTPUT_FORMATS]);
  return dir;
}

describe('scenario generator', () => {
  const world = collect(params());

  it('is deterministic: the same seed gives byte-identical files and answer key, another seed does not', () => {
    const a = filesHash(writeAll('a', params({ shipments: 800, passengers: 400 })));
    const b = filesHash(writeAll('b', params({ shipments: 800, passengers: 400 })));
    const c = filesHash(writeAll('c', params({ shipments: 800, passengers: 400, seed: 12 })));
    expect(Object.keys(a).sort()).toEqual(
      [
        'baplie.edi',
        'coarri.edi',
        'codeco.edi',
        'container-events.csv',
        'container-events.xlsx',
        'cuscar.edi',
        'ffm.txt',
        'fhl.txt',
        'fwb.txt',
        'iftmin.edi',
        'iftsta.edi',
        'manifest.csv',
        'manifest.xlsx',
        'passengers.csv',
        'passengers.xlsx',
        'paxlst.edi',
        'pnrgov.edi',
      ].sort(),
    );
    expect(b).toEqual(a);
    expect(c['cuscar.edi']).not.toBe(a['cuscar.edi']);
    expect(JSON.stringify(collect(params()).answerKey)).toBe(JSON.stringify(world.answerKey));
  });

  it('makes exactly the shipments and passengers asked for, across sea, air and road', () => {
    expect(world.shipments).toHaveLength(3000);
    expect(world.passengers).toHaveLength(2000);
    const modes = world.shipments.reduce<Record<string, number>>((acc, s) => ((acc[s.mode] = (acc[s.mode] ?? 0) + 1), acc), {});
    expect(modes).toEqual({ sea: 2100, air: 600, road: 300 });
  });

  it('writes only valid identifiers', () => {
    for (const s of world.shipments) {
      for (const c of s.containers) expect(validateContainerNumber(c.number).valid, c.number).toBe(true);
      if (s.docType === 'AWB' && !s.isHouse) expect(validateAwbNumber(s.docNumber).valid, s.docNumber).toBe(true);
    }
    for (const m of world.movements) if (m.conveyance.mode === 'sea') expect(validateImoNumber(m.conveyance.imo).valid).toBe(true);
    for (const p of world.passengers) expect(validateMrz(p.mrz), p.mrz).toMatchObject({ valid: true });
    const numbers = world.shipments.flatMap((s) => s.containers.map((c) => c.number));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('keeps container events consistent with the voyage', () => {
    for (const s of world.shipments.filter((x) => x.mode === 'sea')) {
      for (const c of s.containers) {
        const kinds = c.events.map((e) => e.kind);
        expect(kinds[0]).toBe('gate_out_empty');
        expect(kinds.at(-1)).toBe('gate_out_full');
        expect(kinds.includes('transshipped')).toBe(s.placesTransshipment.length > 0);
        const times = c.events.map((e) => e.at);
        expect([...times].sort()).toEqual(times);
        expect(c.events.find((e) => e.kind === 'loaded')!.place).toBe(s.placeLoading);
        expect(c.events.at(-2)!.place).toBe(s.placeDischarge);
      }
    }
  });

  it('puts each scheme in at exactly the requested rate', () => {
    const shipmentSchemes = SCHEMES.filter((s) => s !== 'air_couriers');
    const total = Math.round(3000 * 0.02);
    const counts = shipmentSchemes.map((s) => world.answerKey.schemes[s].records.filter((r) => r.kind === 'shipment').length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(Math.floor(total / shipmentSchemes.length));
    expect(world.answerKey.schemes.air_couriers.records).toHaveLength(Math.round(2000 * 0.02));
  });

  it('each scheme follows its modus operandi', () => {
    const byDoc = new Map(world.shipments.map((s) => [s.docNumber, s]));
    const docs = (scheme: (typeof SCHEMES)[number]) =>
      world.answerKey.schemes[scheme].records.flatMap((r) => (r.kind === 'shipment' ? [byDoc.get(r.docNumber)!] : []));
    for (const s of docs('rip_on_rip_off')) {
      const seals = new Set(s.containers[0]!.events.filter((e) => e.seal).map((e) => e.seal));
      expect(seals.size).toBe(2);
      const hub = s.containers[0]!.events.filter((e) => e.place === s.placesTransshipment[0]);
      expect(Date.parse(hub[1]!.at) - Date.parse(hub[0]!.at)).toBeLessThan(24 * 3600_000);
    }
    for (const s of docs('cocaine_reefer')) {
      expect(['ECGYE', 'COBUN', 'COCTG', 'PECLL']).toContain(s.placeLoading);
      expect(s.containers[0]!.sizeType).toBe('45R1');
      expect(s.placesTransshipment).toHaveLength(1);
    }
    for (const s of docs('cigarettes_underdeclared')) expect(s.grossWeightKg / s.packages).toBeLessThan(5);
    for (const s of docs('counterfeit_medicines')) expect(s.mode).toBe('air');
    for (const s of docs('front_company')) {
      const consignee = world.parties.get(s.parties.find((p) => p.role === 'consignee')!.partyKey)!;
      expect(consignee.identifiers['registeredOn']! < DEFAULT_PARAMS.start).toBe(true);
      expect([...world.parties.values()].some((p) => p.key !== consignee.key && p.address === consignee.address && p.city === consignee.city)).toBe(true);
    }
    const couriers = new Set(world.answerKey.schemes.air_couriers.records.map((r) => (r.kind === 'passenger' ? r.docNumber : '')));
    for (const f of world.flights) {
      for (const b of f.bookings) {
        if (!b.passengers.some((p) => couriers.has(p.docNumber))) continue;
        expect(b.paymentForm).toBe('CA');
        expect(Date.parse(f.departureAt) - Date.parse(b.bookingDate)).toBeLessThanOrEqual(20 * 3600_000);
        expect(['GRU', 'BOG']).toContain(b.segments[0]!.origin);
      }
    }
  });

  it('never writes the scheme into the records', () => {
    const dir = writeAll('clean', params({ shipments: 800, passengers: 400 }));
    for (const f of readdirSync(dir).filter((x) => !x.endsWith('.xlsx'))) {
      const text = readFileSync(join(dir, f), 'latin1').toLowerCase();
      for (const word of ['cocaine', 'rip_on', 'courier', 'precursor', 'front_company', 'scheme', 'counterfeit', 'underdeclared'])
        expect(text.includes(word), `${f}: ${word}`).toBe(false);
    }
  });

  it('records the ways one party is written, with the truth, in the answer key', () => {
    const variants = world.answerKey.parties;
    expect(variants.length).toBeGreaterThan(5);
    for (const v of variants) {
      expect(v.variants[0]!.variant).toBe('canonical');
      for (const form of v.variants) expect(world.parties.has(form.key)).toBe(true);
    }
    const translit = variants.flatMap((v) => v.variants.filter((f) => f.variant === 'transliteration').map((f) => [v.canonicalName, f.name] as const));
    expect(translit.length).toBeGreaterThan(0);
    // Script differences disappear under normalisation, leaving at most spelling differences.
    const close = translit.filter(([a, b]) => normalizeName(a).replace(/\s/g, '').slice(0, 3) === normalizeName(b).replace(/\s/g, '').slice(0, 3));
    expect(close.length).toBeGreaterThan(translit.length / 2);
  });
});

describe('generated EDIFACT', () => {
  const dir = writeAll('edi', params({ shipments: 600, passengers: 300, seed: 5 }));
  const tokenize = (text: string) =>
    text
      .replace(/^UNA.{6}\n?/, '')
      .split(/(?<!\?)'\n?/)
      .filter(Boolean);

  it.each(['cuscar', 'iftmin', 'baplie', 'coarri', 'codeco', 'iftsta', 'paxlst', 'pnrgov'])('%s has consistent envelope counts and references', (name) => {
    const segs = tokenize(readFileSync(join(dir, `${name}.edi`), 'latin1'));
    const unb = segs[0]!.split('+');
    const unz = segs.at(-1)!.split('+');
    expect(unb[0]).toBe('UNB');
    expect(unz[0]).toBe('UNZ');
    expect(unz[2]).toBe(unb[5]);
    let messages = 0;
    let open: { ref: string; start: number } | null = null;
    segs.forEach((s, i) => {
      const parts = s.split('+');
      if (parts[0] === 'UNH') {
        expect(open).toBeNull();
        open = { ref: parts[1]!, start: i };
        expect(parts[2]!.toUpperCase()).toContain(name.toUpperCase());
      } else if (parts[0] === 'UNT') {
        expect(open).not.toBeNull();
        expect(Number(parts[1])).toBe(i - open!.start + 1);
        expect(parts[2]).toBe(open!.ref);
        open = null;
        messages++;
      }
    });
    expect(messages).toBeGreaterThan(0);
    expect(Number(unz[1])).toBe(messages);
  });

  it('escapes the separators with the release character', () => {
    const text = readFileSync(join(dir, 'paxlst.edi'), 'latin1');
    expect(text).toMatch(/COM\+\?\+\d/);
  });
});

describe('generated spreadsheets', () => {
  const dir = writeAll('tab', params({ shipments: 300, passengers: 100, seed: 9 }));

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = readFileSync(join(dir, 'manifest.csv'), 'utf8');
    expect(csv).toMatch(/,'\+\d{2,4} /);
    expect(csv).not.toMatch(/,\+\d{2,4} /);
  });

  it('writes a valid XLSX (ZIP entries inflate and match their CRC)', () => {
    const buf = readFileSync(join(dir, 'manifest.xlsx'));
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = buf.readUInt16LE(eocd + 10);
    let p = buf.readUInt32LE(eocd + 16);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const crc = buf.readUInt32LE(p + 16);
      const size = buf.readUInt32LE(p + 24);
      const nameLen = buf.readUInt16LE(p + 28);
      const offset = buf.readUInt32LE(p + 42);
      const name = buf.subarray(p + 46, p + 46 + nameLen).toString();
      names.push(name);
      const localName = buf.readUInt16LE(offset + 26);
      const compressed = buf.readUInt32LE(p + 20);
      const data = inflateRawSync(buf.subarray(offset + 30 + localName, offset + 30 + localName + compressed));
      expect(data.length).toBe(size);
      expect(crc32(data) >>> 0).toBe(crc);
      if (name.endsWith('sheet1.xml')) expect(data.toString()).toContain('<t xml:space="preserve">Document number</t>');
      p += 46 + nameLen;
    }
    expect(names).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels']),
    );
  });
});
