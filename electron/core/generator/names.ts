// Invented people and companies of the region and its trading partners: names in Latin and Cyrillic
// script with local legal forms, addresses, phones and e-mails, and the ways one company gets written
// differently across documents (the truth is kept so entity resolution can be scored).
import { asciiFold } from '../../../shared/domain/names.ts';
import type { Rng } from './rng.ts';

type Locale = {
  cities: [string, string][];
  streets: string[];
  phone: string;
  legal: string[];
  tld: string;
  first: string[];
  last: string[];
  cyrillic?: number;
};

const SLAV_FIRST = [
  'Amir',
  'Edin',
  'Dario',
  'Marko',
  'Nikola',
  'Stefan',
  'Milan',
  'Jelena',
  'Ana',
  'Maja',
  'Emina',
  'Lejla',
  'Ivana',
  'Haris',
  'Nermin',
  'Goran',
  'Dragan',
  'Zoran',
  'Vesna',
  'Selma',
  'Jasmin',
  'Tarik',
  'Mirza',
  'Dejan',
  'Snežana',
];
const SLAV_LAST = [
  'Hodžić',
  'Kovačević',
  'Petrović',
  'Jovanović',
  'Nikolić',
  'Babić',
  'Marić',
  'Delić',
  'Hadžić',
  'Popović',
  'Vuković',
  'Đurić',
  'Šehić',
  'Begić',
  'Mujić',
  'Ilić',
  'Stanković',
  'Kovač',
  'Radović',
  'Bošnjak',
  'Lukić',
  'Savić',
  'Čolić',
  'Pavlović',
];
const ALB_FIRST = ['Arben', 'Besnik', 'Driton', 'Blerim', 'Fatos', 'Elira', 'Arta', 'Drita', 'Valon', 'Ilir', 'Erion', 'Liridona'];
const ALB_LAST = ['Berisha', 'Gashi', 'Krasniqi', 'Hoxha', 'Shala', 'Morina', 'Kelmendi', 'Rexhepi', 'Leka', 'Duka', 'Bytyqi'];
const MK_FIRST = ['Aleksandar', 'Goran', 'Dimitar', 'Biljana', 'Vlatko', 'Elena', 'Kiril', 'Marija', 'Toni', 'Sashko'];
const MK_LAST = ['Stojanovski', 'Trajkovski', 'Petrovski', 'Nikolovski', 'Georgievski', 'Dimitrovski', 'Angelovski', 'Ristovski'];
const TR_FIRST = ['Mehmet', 'Ahmet', 'Mustafa', 'Ayşe', 'Fatma', 'Emre', 'Burak', 'Zeynep', 'Hakan', 'Elif'];
const TR_LAST = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Aydın', 'Öztürk', 'Arslan', 'Doğan'];
const ES_FIRST = ['Juan', 'Carlos', 'Andrés', 'María', 'Luisa', 'José', 'Diego', 'Camila', 'Santiago', 'Valentina', 'Jorge', 'Paola'];
const ES_LAST = ['García', 'Rodríguez', 'Martínez', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Vargas', 'Castro', 'Mendoza'];
const DE_FIRST = ['Thomas', 'Michael', 'Anna', 'Julia', 'Stefan', 'Katrin', 'Jan', 'Lukas', 'Sabine'];
const DE_LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann'];
const CN_FIRST = ['Wei', 'Fang', 'Lei', 'Jing', 'Yong', 'Min', 'Hui', 'Tao'];
const CN_LAST = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang'];
const IN_FIRST = ['Rahul', 'Amit', 'Priya', 'Sanjay', 'Anita', 'Vikram', 'Neha'];
const IN_LAST = ['Sharma', 'Patel', 'Singh', 'Gupta', 'Mehta', 'Reddy', 'Shah'];
const AR_FIRST = ['Mohammed', 'Ahmed', 'Omar', 'Khalid', 'Fatima', 'Yousef', 'Hassan'];
const AR_LAST = ['Al Mansoori', 'Al Hashimi', 'Haddad', 'Khoury', 'Saleh', 'Nasser'];
const NL_FIRST = ['Jan', 'Pieter', 'Sanne', 'Daan', 'Lotte', 'Bram'];
const NL_LAST = ['de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser', 'Peeters'];

const REGION_STREETS = [
  'Zmaja od Bosne',
  'Titova',
  'Bulevar oslobođenja',
  'Kralja Petra I',
  'Industrijska zona bb',
  'Obala Kulina bana',
  'Njegoševa',
  'Jadranska magistrala',
  'Partizanska',
  'Bulevar Svetog Petra Cetinjskog',
];

export const LOCALES: Record<string, Locale> = {
  BA: {
    cities: [
      ['Sarajevo', '71000'],
      ['Mostar', '88000'],
      ['Banja Luka', '78000'],
      ['Tuzla', '75000'],
      ['Zenica', '72000'],
      ['Bijeljina', '76300'],
    ],
    streets: REGION_STREETS,
    phone: '+387',
    legal: ['d.o.o.'],
    tld: 'ba',
    first: SLAV_FIRST,
    last: SLAV_LAST,
    cyrillic: 0.15,
  },
  RS: {
    cities: [
      ['Beograd', '11000'],
      ['Novi Sad', '21000'],
      ['Niš', '18000'],
      ['Subotica', '24000'],
      ['Kragujevac', '34000'],
    ],
    streets: ['Bulevar kralja Aleksandra', 'Knez Mihailova', 'Autoput za Zagreb', 'Industrijska', 'Cara Dušana'],
    phone: '+381',
    legal: ['d.o.o.', 'DOO'],
    tld: 'rs',
    first: SLAV_FIRST,
    last: SLAV_LAST,
    cyrillic: 0.45,
  },
  ME: {
    cities: [
      ['Podgorica', '81000'],
      ['Bar', '85000'],
      ['Nikšić', '81400'],
      ['Budva', '85310'],
    ],
    streets: REGION_STREETS,
    phone: '+382',
    legal: ['d.o.o.', 'DOO'],
    tld: 'me',
    first: SLAV_FIRST,
    last: SLAV_LAST,
    cyrillic: 0.1,
  },
  MK: {
    cities: [
      ['Skopje', '1000'],
      ['Bitola', '7000'],
      ['Kumanovo', '1300'],
      ['Tetovo', '1200'],
    ],
    streets: ['Partizanski odredi', 'Ilindenska', 'Bulevar Jane Sandanski', 'Industriska'],
    phone: '+389',
    legal: ['DOOEL', 'DOO'],
    tld: 'mk',
    first: MK_FIRST,
    last: MK_LAST,
    cyrillic: 0.5,
  },
  AL: {
    cities: [
      ['Tiranë', '1001'],
      ['Durrës', '2001'],
      ['Shkodër', '4001'],
      ['Vlorë', '9401'],
    ],
    streets: ['Rruga e Durrësit', 'Bulevardi Zogu I', 'Rruga Tregtare', 'Lagjia Industriale'],
    phone: '+355',
    legal: ['sh.p.k.'],
    tld: 'al',
    first: ALB_FIRST,
    last: ALB_LAST,
  },
  XK: {
    cities: [
      ['Prishtinë', '10000'],
      ['Prizren', '20000'],
      ['Pejë', '30000'],
    ],
    streets: ['Rruga Nëna Terezë', 'Rruga Agim Ramadani', 'Zona Industriale'],
    phone: '+383',
    legal: ['sh.p.k.', 'L.L.C.'],
    tld: 'com',
    first: ALB_FIRST,
    last: ALB_LAST,
  },
  HR: {
    cities: [
      ['Zagreb', '10000'],
      ['Split', '21000'],
      ['Rijeka', '51000'],
      ['Ploče', '20340'],
    ],
    streets: ['Slavonska avenija', 'Vukovarska', 'Riva', 'Lučka ulica'],
    phone: '+385',
    legal: ['d.o.o.'],
    tld: 'hr',
    first: SLAV_FIRST,
    last: SLAV_LAST,
  },
  SI: {
    cities: [
      ['Ljubljana', '1000'],
      ['Koper', '6000'],
    ],
    streets: ['Dunajska cesta', 'Ankaranska cesta'],
    phone: '+386',
    legal: ['d.o.o.'],
    tld: 'si',
    first: SLAV_FIRST,
    last: SLAV_LAST,
  },
  DE: {
    cities: [
      ['Hamburg', '20457'],
      ['Frankfurt am Main', '60311'],
      ['München', '80331'],
      ['Stuttgart', '70173'],
    ],
    streets: ['Hafenstraße', 'Industriestraße', 'Am Kai', 'Lindenallee'],
    phone: '+49',
    legal: ['GmbH', 'GmbH & Co. KG'],
    tld: 'de',
    first: DE_FIRST,
    last: DE_LAST,
  },
  CN: {
    cities: [
      ['Shanghai', '200000'],
      ['Ningbo', '315000'],
      ['Shenzhen', '518000'],
      ['Guangzhou', '510000'],
      ['Yiwu', '322000'],
    ],
    streets: ['Pudong Avenue', 'Zhongshan Road', 'Industrial Park Road', 'Jiangbin Road'],
    phone: '+86',
    legal: ['Co., Ltd.', 'Trading Co., Ltd.', 'Import & Export Co., Ltd.'],
    tld: 'cn',
    first: CN_FIRST,
    last: CN_LAST,
  },
  TR: {
    cities: [
      ['İstanbul', '34000'],
      ['Mersin', '33000'],
      ['Bursa', '16000'],
      ['İzmir', '35000'],
    ],
    streets: ['Atatürk Caddesi', 'Organize Sanayi Bölgesi', 'Liman Yolu', 'Cumhuriyet Caddesi'],
    phone: '+90',
    legal: ['Ltd. Şti.', 'A.Ş.', 'Dış Ticaret Ltd. Şti.'],
    tld: 'com.tr',
    first: TR_FIRST,
    last: TR_LAST,
  },
  EC: {
    cities: [
      ['Guayaquil', '090101'],
      ['Machala', '070101'],
      ['Quito', '170101'],
    ],
    streets: ['Av. 9 de Octubre', 'Vía Perimetral km 24', 'Av. Francisco de Orellana'],
    phone: '+593',
    legal: ['S.A.', 'Cía. Ltda.'],
    tld: 'com.ec',
    first: ES_FIRST,
    last: ES_LAST,
  },
  CO: {
    cities: [
      ['Bogotá', '110111'],
      ['Medellín', '050001'],
      ['Cartagena', '130001'],
      ['Santa Marta', '470001'],
    ],
    streets: ['Calle 72', 'Carrera 7', 'Zona Franca', 'Avenida El Dorado'],
    phone: '+57',
    legal: ['S.A.S.', 'S.A.'],
    tld: 'com.co',
    first: ES_FIRST,
    last: ES_LAST,
  },
  PE: {
    cities: [
      ['Lima', '15001'],
      ['Callao', '07001'],
      ['Piura', '20001'],
    ],
    streets: ['Av. Argentina', 'Av. Néstor Gambetta', 'Jr. de la Unión'],
    phone: '+51',
    legal: ['S.A.C.', 'E.I.R.L.'],
    tld: 'com.pe',
    first: ES_FIRST,
    last: ES_LAST,
  },
  BR: {
    cities: [
      ['Santos', '11010'],
      ['São Paulo', '01000'],
    ],
    streets: ['Rua do Comércio', 'Av. Portuária'],
    phone: '+55',
    legal: ['Ltda.', 'S.A.'],
    tld: 'com.br',
    first: ES_FIRST,
    last: ES_LAST,
  },
  IN: {
    cities: [
      ['Mumbai', '400001'],
      ['Hyderabad', '500001'],
      ['Ahmedabad', '380001'],
      ['Delhi', '110001'],
    ],
    streets: ['MIDC Industrial Area', 'Nariman Point', 'GIDC Estate', 'Okhla Phase II'],
    phone: '+91',
    legal: ['Pvt. Ltd.', 'Ltd.'],
    tld: 'in',
    first: IN_FIRST,
    last: IN_LAST,
  },
  AE: {
    cities: [
      ['Dubai', ''],
      ['Sharjah', ''],
      ['Jebel Ali', ''],
    ],
    streets: ['Jebel Ali Free Zone', 'Deira', 'Al Quoz Industrial Area', 'SAIF Zone'],
    phone: '+971',
    legal: ['General Trading LLC', 'FZE', 'FZCO'],
    tld: 'ae',
    first: AR_FIRST,
    last: AR_LAST,
  },
  NL: {
    cities: [
      ['Rotterdam', '3011'],
      ['Amsterdam', '1012'],
    ],
    streets: ['Waalhaven', 'Europaweg', 'Keizersgracht'],
    phone: '+31',
    legal: ['B.V.'],
    tld: 'nl',
    first: NL_FIRST,
    last: NL_LAST,
  },
  BE: {
    cities: [
      ['Antwerpen', '2000'],
      ['Brussel', '1000'],
    ],
    streets: ['Noorderlaan', 'Haven', 'Kaai'],
    phone: '+32',
    legal: ['BV', 'NV'],
    tld: 'be',
    first: NL_FIRST,
    last: NL_LAST,
  },
  ES: {
    cities: [
      ['Valencia', '46001'],
      ['Algeciras', '11201'],
      ['Madrid', '28001'],
    ],
    streets: ['Calle Mayor', 'Avenida del Puerto', 'Polígono Industrial'],
    phone: '+34',
    legal: ['S.L.', 'S.A.'],
    tld: 'es',
    first: ES_FIRST,
    last: ES_LAST,
  },
  IT: {
    cities: [
      ['Milano', '20121'],
      ['Trieste', '34121'],
      ['Gioia Tauro', '89013'],
    ],
    streets: ['Via Roma', 'Via del Porto', 'Zona Industriale'],
    phone: '+39',
    legal: ['S.r.l.', 'S.p.A.'],
    tld: 'it',
    first: ES_FIRST,
    last: ES_LAST,
  },
  GR: {
    cities: [
      ['Piraeus', '18531'],
      ['Thessaloniki', '54625'],
    ],
    streets: ['Akti Miaouli', 'Egnatia', '26is Oktovriou'],
    phone: '+30',
    legal: ['A.E.', 'E.P.E.'],
    tld: 'gr',
    first: ES_FIRST,
    last: ES_LAST,
  },
  PA: {
    cities: [
      ['Colón', ''],
      ['Panamá', ''],
    ],
    streets: ['Zona Libre de Colón', 'Calle 50'],
    phone: '+507',
    legal: ['S.A.', 'Inc.'],
    tld: 'com.pa',
    first: ES_FIRST,
    last: ES_LAST,
  },
  DO: {
    cities: [
      ['Santo Domingo', '10101'],
      ['Boca Chica', ''],
    ],
    streets: ['Av. Winston Churchill', 'Zona Franca Las Américas'],
    phone: '+1809',
    legal: ['S.R.L.', 'S.A.'],
    tld: 'com.do',
    first: ES_FIRST,
    last: ES_LAST,
  },
  MA: {
    cities: [
      ['Tanger', '90000'],
      ['Casablanca', '20000'],
    ],
    streets: ['Zone Franche', 'Boulevard Mohammed V'],
    phone: '+212',
    legal: ['SARL', 'S.A.'],
    tld: 'ma',
    first: AR_FIRST,
    last: AR_LAST,
  },
  EG: {
    cities: [
      ['Port Said', ''],
      ['Cairo', ''],
    ],
    streets: ['Free Zone', 'El Horreya Street'],
    phone: '+20',
    legal: ['S.A.E.', 'LLC'],
    tld: 'com.eg',
    first: AR_FIRST,
    last: AR_LAST,
  },
};

const STEMS = [
  'Adria',
  'Balkan',
  'Drina',
  'Neretva',
  'Sava',
  'Una',
  'Tara',
  'Morava',
  'Vardar',
  'Ohrid',
  'Lovćen',
  'Jadran',
  'Euro',
  'Inter',
  'Global',
  'Atlas',
  'Orion',
  'Delta',
  'Nova',
  'Alfa',
  'Omega',
  'Sirius',
  'Mega',
  'Prima',
  'Galaxy',
  'Sunrise',
  'Pacific',
  'Andes',
  'Golden',
  'Royal',
  'Star',
  'Blue',
  'Green',
  'Silver',
  'Eagle',
  'Falcon',
  'Lion',
  'Phoenix',
  'Horizon',
  'Vista',
];
const TRADES = [
  'Trade',
  'Impex',
  'Promet',
  'Commerce',
  'Logistic',
  'Trans',
  'Agro',
  'Fruit',
  'Food',
  'Pharm',
  'Tech',
  'Metal',
  'Export',
  'Import',
  'Distribution',
  'Shipping',
  'Cargo',
  'Chem',
  'Textil',
  'Auto',
];

const LAT_TO_CYR: [string, string][] = [
  // English spellings in company names, as Serbian and Macedonian writers render them.
  ['Sh', 'Ш'],
  ['sh', 'ш'],
  ['Ch', 'Ч'],
  ['ch', 'ч'],
  ['Ph', 'Ф'],
  ['ph', 'ф'],
  ['Th', 'Т'],
  ['th', 'т'],
  ['oo', 'у'],
  ['ee', 'и'],
  ['ck', 'к'],
  ['pp', 'п'],
  ['ss', 'с'],
  ['ll', 'л'],
  ['Lj', 'Љ'],
  ['LJ', 'Љ'],
  ['lj', 'љ'],
  ['Nj', 'Њ'],
  ['NJ', 'Њ'],
  ['nj', 'њ'],
  ['Dž', 'Џ'],
  ['DŽ', 'Џ'],
  ['dž', 'џ'],
  ['A', 'А'],
  ['B', 'Б'],
  ['V', 'В'],
  ['G', 'Г'],
  ['D', 'Д'],
  ['Đ', 'Ђ'],
  ['E', 'Е'],
  ['Ž', 'Ж'],
  ['Z', 'З'],
  ['I', 'И'],
  ['J', 'Ј'],
  ['K', 'К'],
  ['L', 'Л'],
  ['M', 'М'],
  ['N', 'Н'],
  ['O', 'О'],
  ['P', 'П'],
  ['R', 'Р'],
  ['S', 'С'],
  ['T', 'Т'],
  ['Ć', 'Ћ'],
  ['U', 'У'],
  ['F', 'Ф'],
  ['H', 'Х'],
  ['C', 'Ц'],
  ['Č', 'Ч'],
  ['Š', 'Ш'],
  ['a', 'а'],
  ['b', 'б'],
  ['v', 'в'],
  ['g', 'г'],
  ['d', 'д'],
  ['đ', 'ђ'],
  ['e', 'е'],
  ['ž', 'ж'],
  ['z', 'з'],
  ['i', 'и'],
  ['j', 'ј'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['ć', 'ћ'],
  ['u', 'у'],
  ['f', 'ф'],
  ['h', 'х'],
  ['c', 'ц'],
  ['č', 'ч'],
  ['š', 'ш'],
  // Letters Serbian Cyrillic lacks, written as they are usually transcribed.
  ['X', 'КС'],
  ['x', 'кс'],
  ['W', 'В'],
  ['w', 'в'],
  ['Q', 'К'],
  ['q', 'к'],
  ['Y', 'Ј'],
  ['y', 'ј'],
];

/** Serbian/Macedonian-style Latin → Cyrillic (digraphs first). */
export function toCyrillic(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const pair = LAT_TO_CYR.find(([lat]) => text.startsWith(lat, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

export { asciiFold, cyrillicToLatin as toLatin } from '../../../shared/domain/names.ts';

export type CompanyName = { stem: string; trade: string; legal: string; cyrillic: boolean };

export function companyName(rng: Rng, country: string): CompanyName {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  return { stem: rng.pick(STEMS), trade: rng.pick(TRADES), legal: rng.pick(locale.legal), cyrillic: rng.chance(locale.cyrillic ?? 0) };
}

export function renderCompany(n: CompanyName): string {
  const latin = `${n.stem} ${n.trade} ${n.legal}`;
  if (!n.cyrillic) return latin;
  const legal = n.legal === 'DOOEL' ? 'ДООЕЛ' : n.legal === 'DOO' || n.legal === 'd.o.o.' ? 'ДОО' : n.legal;
  return `${toCyrillic(n.stem)} ${toCyrillic(n.trade)} ${legal}`;
}

export function personName(rng: Rng, country: string): { given: string; surname: string } {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  return { given: rng.pick(locale.first), surname: rng.pick(locale.last) };
}

export function address(rng: Rng, country: string): { street: string; city: string; postcode: string } {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  const [city, postcode] = rng.pick(locale.cities);
  const street = rng.pick(locale.streets);
  return { street: street.endsWith('bb') ? street : `${street} ${rng.int(1, 180)}`, city, postcode };
}

export function phone(rng: Rng, country: string): string {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  return `${locale.phone} ${rng.int(10, 99)} ${rng.digits(3)} ${rng.digits(3)}`;
}

export function email(rng: Rng, name: string, country: string): string {
  const locale = LOCALES[country] ?? LOCALES['DE']!;
  const slug =
    asciiFold(name)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 14) || 'office';
  return rng.chance(0.2) ? `${slug}${rng.int(1, 99)}@gmail.com` : `${rng.pick(['info', 'office', 'import', 'logistics', 'sales'])}@${slug}.${locale.tld}`;
}

export type VariantKind = 'transliteration' | 'typo' | 'legal-form' | 'word-order' | 'phone';

/** Another way of writing the same company's name on a document. */
export function nameVariant(rng: Rng, n: CompanyName, kind: VariantKind): string {
  switch (kind) {
    case 'transliteration':
      return n.cyrillic
        ? `${n.stem} ${n.trade} ${n.legal}`
        : rng.chance(0.5)
          ? asciiFold(renderCompany(n)).toUpperCase()
          : renderCompany({ ...n, cyrillic: true });
    case 'typo': {
      const s = renderCompany(n);
      const i = rng.int(1, Math.max(1, Math.min(s.length - 3, n.stem.length + n.trade.length)));
      const op = rng.int(0, 2);
      if (op === 0) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
      if (op === 1) return s.slice(0, i) + s.slice(i + 1);
      return s.slice(0, i) + s[i] + s.slice(i);
    }
    case 'legal-form': {
      const forms = ['d.o.o.', 'DOO', 'D.O.O.', 'doo', ''].filter((f) => f !== n.legal);
      const legal = /d\.?o\.?o|DOO/i.test(n.legal) ? rng.pick(forms) : rng.pick([n.legal.toUpperCase(), n.legal.replace(/\./g, ''), '']);
      return renderCompany({ ...n, legal }).trim();
    }
    case 'word-order':
      return renderCompany({ ...n, stem: n.trade, trade: n.stem });
    case 'phone':
      return renderCompany(n);
  }
}
