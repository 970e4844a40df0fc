// Secure exchange between units (issue 9): this unit's identity and keys, partner units and how far they
// are trusted, packages sent and received (cases, selections of records, warnings, feedback, seizure
// reports) with their preview before anything is merged, and hashed matching of identifiers.
import { z } from 'zod';
import { TLP, type Tlp } from './cases.ts';

export const UNIT_TYPES = ['PCU', 'ACCU', 'JAITF', 'customs', 'police', 'border', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UnitProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    agency: z.string().trim().min(1).max(200),
    /** ISO 3166-1 alpha-2. */
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/)
      .transform((c) => c.toUpperCase()),
    unitType: z.enum(UNIT_TYPES),
  })
  .strict();
export type UnitProfile = z.infer<typeof UnitProfileSchema>;

/** One of this unit's key pairs: the current one signs and receives; older ones stay to read old packages. */
export type UnitKey = {
  fingerprint: string;
  signingKey: string;
  recipient: string;
  createdAt: string;
  retiredAt: string | null;
  revokedAt: string | null;
  current: boolean;
};

export type UnitIdentity = {
  profile: UnitProfile | null;
  keys: UnitKey[];
  /** The current key's fingerprint as words and groups of digits, to read aloud to a partner. */
  words: string[];
  digits: string[];
};

export const PARTNER_KEY_STATUSES = ['pending', 'trusted', 'retired', 'revoked'] as const;
export type PartnerKeyStatus = (typeof PARTNER_KEY_STATUSES)[number];

export type PartnerKey = {
  id: number;
  fingerprint: string;
  signingKey: string;
  recipient: string;
  status: PartnerKeyStatus;
  words: string[];
  digits: string[];
  importedAt: string;
  confirmedAt: string | null;
  confirmedBy: string | null;
  retiredAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
};

export type Partner = UnitProfile & {
  id: number;
  /** A partner is trusted while one of its keys is confirmed and not revoked. */
  trusted: boolean;
  keys: PartnerKey[];
  lastPackageAt: string | null;
};

/** What a unit card holds, shown before it is added (nothing is trusted until its fingerprint is confirmed). */
export type CardPreview = {
  profile: UnitProfile;
  fingerprint: string;
  words: string[];
  digits: string[];
  createdAt: string;
  /** The partner this card belongs to, when it is already in the directory. */
  partnerId: number | null;
  /** New (a partner not met before), known (the same key), rotated (a new key for a known partner). */
  status: 'new' | 'known' | 'rotated';
  /** Keys the card says its unit revoked. */
  revokes: string[];
};

export const PACKAGE_KINDS = ['case', 'selection', 'warning', 'feedback', 'seizure', 'match-set'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

export const PACKAGE_STATUSES = ['sent', 'received', 'merged', 'dismissed'] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

/** CENcomm / ContainerCOMM-style messages: a warning to control something, feedback on what was done, a seizure. */
export const MessageSchema = z
  .object({
    subject: z.string().trim().min(1).max(300),
    body: z.string().max(20_000).default(''),
    /** Warning: the indicators behind it; feedback: the result. */
    indicators: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    /** Feedback: what was done (examined, documents checked, released, no action…) and the result. */
    action: z.string().max(200).default(''),
    result: z.enum(['', 'negative', 'positive', 'pending']).default(''),
    /** Warning: when the thing to control is expected (arrival of the vessel or flight). */
    expectedAt: z.string().max(40).nullable().default(null),
    place: z.string().max(100).default(''),
  })
  .strict();
export type Message = z.infer<typeof MessageSchema>;

/** What leaves in a package: records by their local ids, a case, notes, attachments, a seizure, a chart. */
export const PackageSelectionSchema = z
  .object({
    caseId: z.number().int().positive().nullable().default(null),
    shipments: z.array(z.number().int().positive()).max(100_000).default([]),
    parties: z.array(z.number().int().positive()).max(100_000).default([]),
    containers: z.array(z.number().int().positive()).max(100_000).default([]),
    passengers: z.array(z.number().int().positive()).max(100_000).default([]),
    seizures: z.array(z.number().int().positive()).max(1_000).default([]),
    charts: z.array(z.number().int().positive()).max(100).default([]),
    /** With a case: which of its notes and attachments go (all when null). */
    notes: z.array(z.number().int().positive()).nullable().default(null),
    attachments: z.array(z.number().int().positive()).nullable().default(null),
  })
  .strict();
export type PackageSelection = z.infer<typeof PackageSelectionSchema>;

export const PackageDraftSchema = z
  .object({
    kind: z.enum(PACKAGE_KINDS).exclude(['match-set']),
    recipients: z.array(z.number().int().positive()).min(1).max(20),
    handling: z.enum(TLP),
    /** Days until the package expires on the recipients' side. */
    expiresInDays: z.number().int().min(1).max(3650).default(90),
    message: MessageSchema,
    selection: PackageSelectionSchema,
    /** The package this one answers (a reply links back). */
    inReplyTo: z.string().uuid().nullable().default(null),
  })
  .strict();
export type PackageDraft = z.infer<typeof PackageDraftSchema>;

/** What will leave, listed for the analyst's confirmation before anything is written. */
export type ExportPlan = {
  recipients: { partnerId: number; name: string; country: string; fingerprint: string }[];
  handling: Tlp;
  counts: { shipments: number; parties: number; containers: number; passengers: number; notes: number; attachments: number; seizures: number; charts: number };
  attachmentBytes: number;
  caseTitle: string | null;
  /** What the analyst must be told before confirming: TLP:RED's limits; attachments leaving in full. */
  warnings: ('tlp-red' | 'attachments-leave')[];
};

export type PackageSummary = {
  id: number;
  packageId: string;
  direction: 'in' | 'out';
  kind: PackageKind;
  subject: string;
  handling: Tlp;
  /** The sender (received) or the recipients (sent). */
  partners: { id: number | null; name: string; country: string }[];
  sequence: number;
  createdAt: string;
  expiresAt: string;
  status: PackageStatus;
  inReplyTo: string | null;
  replies: string[];
  fileName: string | null;
  size: number;
  caseId: number | null;
};

export const MERGE_ENTITIES = ['shipment', 'party', 'container', 'passenger'] as const;
export type MergeEntity = (typeof MERGE_ENTITIES)[number];

/** One record of a received package beside what this workspace already holds. */
export type PreviewRecord = {
  ref: string;
  entity: MergeEntity;
  label: string;
  detail: string;
  /** new: not held here; same: held with the same values; conflict: held with other values. */
  status: 'new' | 'same' | 'conflict';
  localId: number | null;
  differences: { field: string; local: string; partner: string }[];
  /** Already merged from this package. */
  merged: boolean;
};

export type PackagePreview = {
  summary: PackageSummary;
  sender: { name: string; agency: string; country: string; unitType: string; fingerprint: string };
  message: Message;
  records: PreviewRecord[];
  case: { title: string; summary: string; tlp: Tlp; notes: { ref: string; title: string; text: string; author: string; at: string }[] } | null;
  attachments: { ref: string; name: string; mediaType: string; size: number; sha256: string }[];
  seizures: { ref: string; commodity: string; quantity: number; unit: string; place: string; date: string }[];
  charts: { ref: string; name: string; nodes: number }[];
  /** The sender's audit chain head when the package was made. */
  auditHead: string | null;
  /** A hashed matching set: the categories compared and how many keyed hashes it holds (never the hashes). */
  match: { categories: MatchCategory[]; hashes: number } | null;
};

export const MergeChoiceSchema = z
  .object({
    /** Record refs to merge; a conflict merged is added beside the local record as the partner's version, never over it. */
    records: z.array(z.string().max(40)).max(200_000).default([]),
    /** Create a local case holding the package's notes, attachments and seizures, linked to the merged records. */
    createCase: z.boolean().default(false),
  })
  .strict();
export type MergeChoice = z.infer<typeof MergeChoiceSchema>;

export type MergeResult = { merged: number; skipped: number; caseId: number | null; importId: number | null };

/** Hashed matching (after goTrace): the identifier categories two units compare as keyed hashes. */
export const MATCH_CATEGORIES = ['container', 'party', 'phone', 'email', 'document'] as const;
export type MatchCategory = (typeof MATCH_CATEGORIES)[number];

export type MatchOverlap = { category: MatchCategory; entity: string; entityId: number; label: string };
export type MatchResult = { partnerId: number; compared: number; theirs: number; overlaps: MatchOverlap[] };

// --- Fingerprints read aloud -------------------------------------------------------------------------

const WORDS =
  'acid acorn actor adult agent alarm album alley amber angle ankle apple april arena armor arrow atlas attic autumn award badge bagel baker bamboo banjo barrel basin beach beaver bench berry bison blade bonus bottle bread brick bridge bucket bundle butter cabin cactus camel candle canoe canyon carbon carpet castle cedar cellar cement cherry chess cider circus citrus cobalt cocoa comet copper coral cotton cradle crater crystal daisy dancer delta denim desert diesel dinner doctor dolphin donkey dragon drum eagle earth echo elbow ember empire engine estate fabric falcon feather ferry fiddle figure finger flute forest fossil fox galaxy garden garlic geyser ginger globe goblet gold gorilla gravel guitar hammer harbor harvest hazel helmet hermit hockey honey hotel humble iceberg igloo indigo island ivory jacket jaguar jelly jersey jigsaw jockey judge juice jungle kayak kettle kidney koala ladder lagoon lantern laptop lemon lentil letter lily linen lizard locket lumber magnet mango maple marble meadow melon mirror mitten monkey mosaic motor muffin museum napkin nectar needle nickel noodle novel nutmeg oasis ocean olive onion opera orange orbit orchid otter oven oyster paddle palace panda paper parrot pebble pepper piano pigeon pillow pilot planet plum pocket pony potato prism puzzle quarry quartz quiver rabbit radar radio raven reef ribbon river robot rocket rose ruby saddle salmon sandal satin scarf school shadow shovel silver sketch sparrow spider spoon tablet tango teapot temple thunder ticket tiger timber toast tomato topaz tulip tunnel turtle valley velvet violin wagon walnut walrus wasp water willow window winter wizard wolf yacht yogurt zebra zipper'.split(
    ' ',
  );

function bytesOf(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 2 <= hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** Twelve words, one per byte of the fingerprint's first twelve bytes. */
export function fingerprintWords(hex: string): string[] {
  return bytesOf(hex)
    .slice(0, 12)
    .map((b) => WORDS[b]!);
}

/** Six groups of five digits from the fingerprint's first thirty bytes (each five bytes modulo 100000). */
export function fingerprintDigits(hex: string): string[] {
  const bytes = bytesOf(hex);
  const groups: string[] = [];
  for (let g = 0; g < 6; g++) {
    let n = 0n;
    for (let i = 0; i < 5; i++) n = (n << 8n) | BigInt(bytes[g * 5 + i] ?? 0);
    groups.push(String(n % 100000n).padStart(5, '0'));
  }
  return groups;
}

export const FINGERPRINT_WORD_COUNT = WORDS.length;
