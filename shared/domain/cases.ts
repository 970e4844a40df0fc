// Cases (issue 8): the home of an investigation — status, owner, handling code (TLP 2.0) and grading on
// everything, linked records, a notebook of rich-text entries with their edit history, attachments stored
// encrypted with their hashes and chain of custody, seizures as a CEN record carries them, tasks, and a
// timeline merging all of it with the records' own dates.
import { z } from 'zod';
import { SeizureInputSchema } from './targeting.ts';

export const CASE_STATUSES = ['open', 'pending', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Traffic Light Protocol 2.0. */
export const TLP = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP)[number];

/** Intelligence grading: 4x4 (source A/B/C/X, information 1–4) by default, or the Admiralty scale (A–F, 1–6). */
export const GRADING_SYSTEMS = ['4x4', 'admiralty'] as const;
export type GradingSystem = (typeof GRADING_SYSTEMS)[number];
export const GRADES: Record<GradingSystem, { source: readonly string[]; information: readonly string[] }> = {
  '4x4': { source: ['A', 'B', 'C', 'X'], information: ['1', '2', '3', '4'] },
  admiralty: { source: ['A', 'B', 'C', 'D', 'E', 'F'], information: ['1', '2', '3', '4', '5', '6'] },
};
/** A grade such as "B2", valid for the case's system (checked by the core). */
export const GradeSchema = z.object({ source: z.string().min(1).max(1), information: z.string().min(1).max(1) }).strict();
export type Grade = z.infer<typeof GradeSchema>;

/** What a case links to. */
export const CASE_LINK_KINDS = ['shipment', 'container', 'party', 'passenger', 'booking', 'conveyance', 'hit', 'seizure', 'chart'] as const;
export type CaseLinkKind = (typeof CASE_LINK_KINDS)[number];

export const CaseDraftSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    summary: z.string().max(20_000).default(''),
    status: z.enum(CASE_STATUSES).default('open'),
    owner: z.string().trim().min(1).max(200),
    tags: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
    tlp: z.enum(TLP).default('AMBER'),
    grading: z.enum(GRADING_SYSTEMS).default('4x4'),
  })
  .strict();
export type CaseDraft = z.infer<typeof CaseDraftSchema>;

export type CaseSummary = CaseDraft & {
  id: number;
  /** A human reference, e.g. "CASE-2026-0007". */
  reference: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  links: number;
  notes: number;
  attachments: number;
};

export type CaseLink = {
  id: number;
  kind: CaseLinkKind;
  refId: number;
  /** The record as named when linked (kept if the record is later removed). */
  label: string;
  note: string;
  grade: Grade | null;
  addedBy: string;
  addedAt: string;
};

/** A notebook entry: rich text as tiptap's JSON document, and its plain text (for search and reports). */
export type CaseNote = {
  id: number;
  /** tiptap/ProseMirror JSON. Mentions are nodes of type "mention" with attrs { id: "shipment:12", label }. */
  body: unknown;
  text: string;
  grade: Grade | null;
  /** Records mentioned, as "kind:id". */
  mentions: string[];
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
};
export type CaseNoteVersion = { version: number; body: unknown; text: string; editedBy: string; editedAt: string };

export type CustodyEntry = { at: string; actor: string; action: 'added' | 'viewed' | 'exported' | 'transferred' | 'note' | 'removed'; detail: string };
export type CaseAttachment = {
  id: number;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  grade: Grade | null;
  description: string;
  addedBy: string;
  addedAt: string;
  custody: CustodyEntry[];
};

/** The fields a CEN seizure record carries, as a case keeps them: a seizure as targeting records it, with
 * its route, the persons and companies involved, its photos and the record it was found in. */
export const CaseSeizureSchema = SeizureInputSchema.extend({
  place: z.string().max(200).default(''),
  /** Route as places (UN/LOCODE or IATA), origin first. */
  route: z.array(z.string().trim().min(2).max(10)).max(20).default([]),
  /** Persons and companies involved: party ids or passenger ids, with their role. */
  involved: z
    .array(z.object({ kind: z.enum(['party', 'passenger']), id: z.number().int().min(1), role: z.string().max(100).default('') }).strict())
    .max(100)
    .default([]),
  /** Attachment ids of the case (photos). */
  photos: z.array(z.number().int().min(1)).max(200).default([]),
  /** The shipment or passenger it was found in, if any. */
  entity: z.enum(['shipment', 'passenger']).nullable().default(null),
  entityId: z.number().int().min(1).nullable().default(null),
}).strict();
export type CaseSeizureInput = z.input<typeof CaseSeizureSchema>;
/** A seizure as a case shows it (one recorded from a hit has no route, persons or photos until edited). */
export type CaseSeizure = CaseSeizureInput & { id: number; createdBy: string; createdAt: string };

export const TaskDraftSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    assignee: z.string().max(200).default(''),
    due: z.string().date().nullable().default(null),
    done: z.boolean().default(false),
  })
  .strict();
export type CaseTask = z.infer<typeof TaskDraftSchema> & { id: number; createdBy: string; createdAt: string };

/** One line of a case's timeline. */
export type TimelineEvent = {
  at: string;
  kind: 'created' | 'note' | 'link' | 'shipment' | 'container_event' | 'hit' | 'decision' | 'seizure' | 'attachment' | 'task';
  /** What happened, as a stable code the UI can translate: "note.created", "note.edited", "shipment.departure",
   * "shipment.arrival", "container.loaded" (container.<event kind>), "hit.scored", "hit.decided", "hit.outcome",
   * "link.added", "seizure", "attachment.added", "task.due", "case.created". */
  code: string;
  /** The same in English, with the record's name (for reports and the CLI). */
  title: string;
  detail: string;
  /** The record it opens, as "kind:id", if any. */
  ref: string | null;
};

export type CaseDetail = Omit<CaseSummary, 'links' | 'notes' | 'attachments'> & {
  links: CaseLink[];
  notes: CaseNote[];
  attachments: CaseAttachment[];
  seizures: CaseSeizure[];
  tasks: CaseTask[];
};

export type CaseSearchHit = {
  caseId: number;
  reference: string;
  title: string;
  kind: 'case' | 'note' | 'attachment';
  id: number;
  /** Plain text around the first match ("…" where cut). */
  snippet: string;
  /** The matched words in the snippet, as [start, end) offsets (UTF-16, as JavaScript strings count). */
  marks: [number, number][];
};
