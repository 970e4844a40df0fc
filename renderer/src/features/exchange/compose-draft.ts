// What the compose dialog edits, and the package draft it becomes. Records are picked by name (the finder)
// and travel by their local ids; the case's own linked records, notes and attachments go with the case.
import type { Tlp } from '../../../../shared/domain/cases.ts';
import type { MergeEntity, PackageDraft, PackageKind, PackageSummary } from '../../../../shared/domain/exchange.ts';

export type DraftKind = Exclude<PackageKind, 'match-set'>;
export const DRAFT_KINDS: readonly DraftKind[] = ['case', 'selection', 'warning', 'feedback', 'seizure'];
export const FEEDBACK_RESULTS = ['', 'negative', 'positive', 'pending'] as const;
export type FeedbackResult = (typeof FEEDBACK_RESULTS)[number];

export type PickedRecord = { entity: MergeEntity; id: number; label: string };

export type ComposeState = {
  kind: DraftKind;
  recipients: number[];
  handling: Tlp;
  expiresInDays: number;
  subject: string;
  body: string;
  indicators: string[];
  action: string;
  result: FeedbackResult;
  /** A local date and time (datetime-local), or '' for none. */
  expectedAt: string;
  place: string;
  caseId: number | null;
  records: PickedRecord[];
  /** Where the package file is written; '' lets the core write it to the Outbox folder. */
  out: string;
  inReplyTo: string | null;
};

export const emptyCompose = (): ComposeState => ({
  kind: 'warning',
  recipients: [],
  handling: 'AMBER',
  expiresInDays: 90,
  subject: '',
  body: '',
  indicators: [],
  action: '',
  result: '',
  expectedAt: '',
  place: '',
  caseId: null,
  records: [],
  out: '',
  inReplyTo: null,
});

/** A reply to a received package: feedback to its sender, linked to it, under at least its handling code. */
export function replyTo(p: PackageSummary): ComposeState {
  const sender = p.partners[0]?.id;
  return {
    ...emptyCompose(),
    kind: 'feedback',
    recipients: sender ? [sender] : [],
    handling: p.handling,
    subject: /^re:/i.test(p.subject) ? p.subject : `Re: ${p.subject}`.slice(0, 300),
    inReplyTo: p.packageId,
  };
}

const idsOf = (records: PickedRecord[], entity: MergeEntity) => records.filter((r) => r.entity === entity).map((r) => r.id);

export function toDraft(s: ComposeState): PackageDraft {
  const feedback = s.kind === 'feedback';
  const warning = s.kind === 'warning';
  return {
    kind: s.kind,
    recipients: s.recipients,
    handling: s.handling,
    expiresInDays: s.expiresInDays,
    message: {
      subject: s.subject.trim(),
      body: s.body,
      indicators: s.indicators,
      action: feedback ? s.action.trim() : '',
      result: feedback ? s.result : '',
      expectedAt: warning && s.expectedAt ? s.expectedAt : null,
      place: warning ? s.place.trim() : '',
    },
    selection: {
      caseId: s.caseId,
      shipments: idsOf(s.records, 'shipment'),
      parties: idsOf(s.records, 'party'),
      containers: idsOf(s.records, 'container'),
      passengers: idsOf(s.records, 'passenger'),
      seizures: [],
      charts: [],
      notes: null,
      attachments: null,
    },
    inReplyTo: s.inReplyTo,
  };
}

export const composeValid = (s: ComposeState) =>
  s.recipients.length > 0 && s.subject.trim() !== '' && Number.isInteger(s.expiresInDays) && s.expiresInDays >= 1 && s.expiresInDays <= 3650;
