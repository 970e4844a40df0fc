// Writes a scenario as the files an analyst receives, one file per format, streamed in bounded memory.
import { join } from 'node:path';
import { EdifactInterchange } from '../../formats/edifact-writer.ts';
import { csvWriter, xlsxWriter, type Cell, type TableWriter } from '../../formats/tabular.ts';
import { TextSink } from '../../formats/text-sink.ts';
import type { GenConveyance, GenParty, GenShipment, ScenarioItem, ScenarioParams } from '../model.ts';
import { fhl, ffm, fwb } from './cargo-imp.ts';
import { baplie, coarri, codeco, cuscar, iftmin, iftsta, paxlst, pnrgov, type Lookup } from './edifact.ts';

export const OUTPUT_FORMATS = ['csv', 'xlsx', 'cuscar', 'iftmin', 'baplie', 'coarri', 'codeco', 'iftsta', 'paxlst', 'pnrgov', 'fwb', 'fhl', 'ffm'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const EDIFACT: Record<string, { file: string; type: string; syntax: string }> = {
  cuscar: { file: 'cuscar.edi', type: 'CUSCAR:D:95B:UN', syntax: 'UNOC:3' },
  iftmin: { file: 'iftmin.edi', type: 'IFTMIN:D:99B:UN', syntax: 'UNOC:3' },
  baplie: { file: 'baplie.edi', type: 'BAPLIE:D:95B:UN:SMDG22', syntax: 'UNOA:2' },
  coarri: { file: 'coarri.edi', type: 'COARRI:D:95B:UN:ITG12', syntax: 'UNOA:2' },
  codeco: { file: 'codeco.edi', type: 'CODECO:D:95B:UN:ITG12', syntax: 'UNOA:2' },
  iftsta: { file: 'iftsta.edi', type: 'IFTSTA:D:99B:UN', syntax: 'UNOC:3' },
  paxlst: { file: 'paxlst.edi', type: 'PAXLST:D:02B:UN:IATA', syntax: 'UNOA:4' },
  pnrgov: { file: 'pnrgov.edi', type: 'PNRGOV:11:1:IA', syntax: 'UNOA:4' },
};

const MANIFEST_HEADER = [
  'Mode',
  'Document type',
  'Document number',
  'Master document',
  'Conveyance',
  'Vessel',
  'IMO',
  'Voyage or flight',
  'Place of receipt',
  'Port of loading',
  'Transshipment',
  'Port of discharge',
  'Place of delivery',
  'Booking date',
  'Departure date',
  'Arrival date',
  'Shipper',
  'Shipper address',
  'Shipper country',
  'Consignee',
  'Consignee address',
  'Consignee country',
  'Consignee phone',
  'Notify party',
  'Forwarder',
  'Goods description',
  'HS codes',
  'Packages',
  'Package type',
  'Gross weight (kg)',
  'Volume (m3)',
  'Declared value',
  'Currency',
  'Freight terms',
  'Containers',
  'Container types',
  'Seals',
];
const EVENTS_HEADER = ['Container', 'Size/type', 'Bill of lading', 'Event', 'Date and time (UTC)', 'Location', 'Vessel', 'Voyage', 'Seal', 'Full/empty'];
const PASSENGERS_HEADER = [
  'Flight',
  'Flight date',
  'From',
  'To',
  'Record locator',
  'Surname',
  'Given names',
  'Birth date',
  'Sex',
  'Nationality',
  'Document type',
  'Document number',
  'Issuing country',
  'Document expiry',
  'Booking date',
  'Ticketing date',
  'Agency',
  'Form of payment',
  'Contacts',
  'Bags',
  'Itinerary',
];

export type FileResult = { format: OutputFormat; path: string };

export function writeScenarioFiles(outDir: string, params: ScenarioParams, items: Iterable<ScenarioItem>, formats: OutputFormat[]): FileResult[] {
  const want = new Set(formats);
  const parties = new Map<string, GenParty>();
  const conveyances = new Map<string, GenConveyance>();
  const lookup: Lookup = { party: (k) => parties.get(k)!, conveyance: (k) => conveyances.get(k) };
  const preparedAt = `${params.start}T06:00`;
  const results: FileResult[] = [];
  const closers: (() => void)[] = [];

  const edi = new Map<string, EdifactInterchange>();
  for (const [name, spec] of Object.entries(EDIFACT)) {
    if (!want.has(name as OutputFormat)) continue;
    const path = join(outDir, spec.file);
    const sink = new TextSink(path, 'latin1');
    const ic = new EdifactInterchange(sink, {
      sender: 'PORTCULLISGEN',
      recipient: 'CUSTOMS',
      reference: `${name.slice(0, 3).toUpperCase()}${String(params.seed).slice(-9)}`,
      preparedAt,
      syntax: spec.syntax,
    });
    edi.set(name, ic);
    closers.push(() => (ic.close(), sink.close()));
    results.push({ format: name as OutputFormat, path });
  }
  const imp = new Map<string, TextSink>();
  for (const name of ['fwb', 'fhl', 'ffm'] as const) {
    if (!want.has(name)) continue;
    const path = join(outDir, `${name}.txt`);
    const sink = new TextSink(path, 'latin1');
    imp.set(name, sink);
    closers.push(() => sink.close());
    results.push({ format: name, path });
  }
  const tables: { manifest: TableWriter[]; events: TableWriter[]; passengers: TableWriter[] } = { manifest: [], events: [], passengers: [] };
  for (const kind of ['csv', 'xlsx'] as const) {
    if (!want.has(kind)) continue;
    const make = (name: string, sheet: string, header: string[]) => {
      const path = join(outDir, `${name}.${kind}`);
      const w = kind === 'csv' ? csvWriter(path, header) : xlsxWriter(path, sheet, header);
      closers.push(() => w.close());
      results.push({ format: kind, path });
      return w;
    };
    tables.manifest.push(make('manifest', 'Manifest', MANIFEST_HEADER));
    tables.events.push(make('container-events', 'Container events', EVENTS_HEADER));
    tables.passengers.push(make('passengers', 'Passengers', PASSENGERS_HEADER));
  }

  let message = 0;
  const ref = () => `M${String(++message).padStart(8, '0')}`;
  const row = (list: TableWriter[], cells: Cell[]) => {
    for (const w of list) w.row(cells);
  };

  for (const item of items) {
    if (item.type === 'party') {
      parties.set(item.party.key, item.party);
      continue;
    }
    if (item.type === 'conveyance') {
      conveyances.set(item.conveyance.key, item.conveyance);
      continue;
    }
    if (item.type === 'movement') {
      const m = item.movement;
      conveyances.set(m.conveyance.key, m.conveyance);
      if (m.conveyance.mode === 'sea') {
        edi.get('cuscar')?.message(EDIFACT['cuscar']!.type, cuscar(m, lookup, ref()));
        edi.get('baplie')?.message(EDIFACT['baplie']!.type, baplie(m, ref()));
        edi.get('coarri')?.message(EDIFACT['coarri']!.type, coarri(m, ref()));
        edi.get('codeco')?.message(EDIFACT['codeco']!.type, codeco(m, ref()));
        for (const s of m.shipments) {
          edi.get('iftmin')?.message(EDIFACT['iftmin']!.type, iftmin(s, lookup));
          edi.get('iftsta')?.message(EDIFACT['iftsta']!.type, iftsta(s, lookup, ref()));
        }
      } else if (m.conveyance.mode === 'air') {
        imp.get('ffm')?.write(ffm(m) + '\n');
        const houses = new Map<string, GenShipment[]>();
        for (const s of m.shipments) if (s.isHouse && s.masterDocNumber) houses.set(s.masterDocNumber, [...(houses.get(s.masterDocNumber) ?? []), s]);
        for (const s of m.shipments) {
          if (s.isHouse) continue;
          imp.get('fwb')?.write(fwb(s, lookup) + '\n');
          const hs = houses.get(s.docNumber);
          if (hs) imp.get('fhl')?.write(fhl(s, hs, lookup) + '\n');
        }
      }
      if (tables.manifest.length > 0) for (const s of m.shipments) row(tables.manifest, manifestRow(s, m.conveyance, lookup));
      if (tables.events.length > 0) {
        for (const s of m.shipments) {
          for (const c of s.containers) {
            for (const e of c.events) {
              const v = e.conveyanceKey ? conveyances.get(e.conveyanceKey) : undefined;
              row(tables.events, [
                c.number,
                c.sizeType,
                s.docNumber,
                e.kind,
                e.at,
                e.place,
                v?.mode === 'sea' ? v.vesselName : '',
                e.voyage ?? '',
                e.seal ?? '',
                e.fullEmpty,
              ]);
            }
          }
        }
      }
      continue;
    }
    const f = item.flight;
    edi.get('paxlst')?.message(EDIFACT['paxlst']!.type, paxlst(f, ref()));
    edi.get('pnrgov')?.message(
      EDIFACT['pnrgov']!.type,
      pnrgov(f).map((s) => s.replace(/@/g, '//')),
    );
    if (tables.passengers.length > 0) {
      for (const b of f.bookings) {
        const itinerary = b.segments
          .map((s) => `${s.carrierCode}${s.flightNumber.replace(/^\D+/, '')} ${s.origin}-${s.destination} ${s.departureAt}`)
          .join('; ');
        b.passengers.forEach((p, i) => {
          const bag = b.baggage[i];
          row(tables.passengers, [
            f.conveyance.flightNumber,
            f.conveyance.flightDate,
            f.conveyance.origin,
            f.conveyance.destination,
            b.recordLocator,
            p.surname,
            p.givenNames,
            p.birthDate,
            p.sex,
            p.nationality,
            p.docType,
            p.docNumber,
            p.docCountry,
            p.docExpiry,
            b.bookingDate,
            b.ticketingDate,
            b.agency,
            b.paymentForm,
            b.contacts.map((c) => c.value).join('; '),
            bag ? `${bag.pieces} / ${bag.weightKg} kg` : '',
            itinerary,
          ]);
        });
      }
    }
  }
  for (const close of closers) close();
  return results;
}

function manifestRow(s: GenShipment, c: GenConveyance, lookup: Lookup): Cell[] {
  const party = (role: string) => {
    const p = s.parties.find((x) => x.role === role);
    return p ? lookup.party(p.partyKey) : undefined;
  };
  const shipper = party('shipper');
  const consignee = party('consignee');
  const conveyance = c.mode === 'sea' ? c.carrierCode : c.mode === 'air' ? `${c.flightNumber} ${c.flightDate}` : c.plates;
  return [
    s.mode,
    s.docType,
    s.docNumber,
    s.masterDocNumber ?? '',
    conveyance,
    c.mode === 'sea' ? c.vesselName : '',
    c.mode === 'sea' ? c.imo : '',
    s.voyage,
    s.placeReceipt,
    s.placeLoading,
    s.placesTransshipment.join(' '),
    s.placeDischarge,
    s.placeDelivery,
    s.bookingDate,
    s.departureDate,
    s.arrivalDate,
    shipper?.name,
    shipper ? `${shipper.address}, ${shipper.postcode} ${shipper.city}`.trim() : '',
    shipper?.country,
    consignee?.name,
    consignee ? `${consignee.address}, ${consignee.postcode} ${consignee.city}`.trim() : '',
    consignee?.country,
    consignee?.phones[0] ?? '',
    party('notify')?.name ?? '',
    party('forwarder')?.name ?? '',
    s.goodsDescription,
    s.hsCodes.join(' '),
    s.packages,
    s.packageType,
    s.grossWeightKg,
    s.volumeM3,
    s.declaredValue,
    s.currency,
    s.freightTerms,
    s.containers.map((x) => x.number).join(' '),
    s.containers.map((x) => x.sizeType).join(' '),
    s.containers.flatMap((x) => x.seals).join(' '),
  ];
}
