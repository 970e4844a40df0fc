// The `portcullis unit …` and `portcullis package …` commands: a unit's identity and card, trusting a
// partner's card once its fingerprint has been read out of band, and packages written and received
// through the same core service as the Exchange screen (so the same checks and the same audit entries).
import { readFileSync, writeFileSync } from 'node:fs';
import type { PackageDraft, PackagePreview, Partner } from '../shared/domain/exchange.ts';
import { PACKAGE_KINDS, UNIT_TYPES } from '../shared/domain/exchange.ts';
import { TLP } from '../shared/domain/cases.ts';
import { AppError } from '../shared/errors.ts';
import { appendAudit } from './core/audit/audit-log.ts';
import type { Core } from './core/core.ts';
import { currentAgeIdentity } from './core/exchange/unit-keys.ts';

export type ExchangeValues = {
  out?: string;
  name?: string;
  agency?: string;
  country?: string;
  type?: string;
  fingerprint?: string;
  to?: string;
  case?: string;
  shipments?: string;
  parties?: string;
  containers?: string;
  passengers?: string;
  kind?: string;
  subject?: string;
  body?: string;
  tlp?: string;
  'expires-days'?: string;
  'reply-to'?: string;
  'dry-run'?: boolean;
  yes?: boolean;
  json?: boolean;
};

export type CliContext = {
  usage(message: string): AppError;
  print(text: string): void;
  withWorkspace<T>(fn: (core: Core) => Promise<T>): Promise<T>;
};

const ids = (text: string | undefined, flag: string, ctx: CliContext): number[] => {
  if (!text) return [];
  const list = text.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw ctx.usage(`${flag} takes record ids separated by commas`);
  return list;
};

export async function unitCommand(sub: string | undefined, args: string[], v: ExchangeValues, ctx: CliContext): Promise<number> {
  switch (sub) {
    case 'setup': {
      const type = v.type ?? 'PCU';
      if (!(UNIT_TYPES as readonly string[]).includes(type)) throw ctx.usage(`--type must be one of ${UNIT_TYPES.join(', ')}`);
      if (!v.name || !v.agency || !v.country) throw ctx.usage('unit setup needs --name, --agency and --country');
      const profile = { name: v.name, agency: v.agency, country: v.country.toUpperCase(), unitType: type as (typeof UNIT_TYPES)[number] };
      return ctx.withWorkspace(async (core) => {
        const id = core.exchange.saveProfile(profile);
        ctx.print(v.json ? JSON.stringify(id) : `unit ${profile.name} (${profile.country}); fingerprint ${id.digits.join(' ')}\n${id.words.join(' ')}`);
        return 0;
      });
    }
    case 'card':
      return ctx.withWorkspace(async (core) => {
        const card = core.exchange.exportCard();
        if (v.out) {
          writeFileSync(v.out, card.text);
          const id = core.exchange.identity();
          ctx.print(
            v.json ? JSON.stringify({ file: v.out, digits: id.digits, words: id.words }) : `card written to ${v.out}; fingerprint ${id.digits.join(' ')}`,
          );
        } else ctx.print(card.text);
        return 0;
      });
    case 'trust': {
      const file = args[0];
      if (!file) throw ctx.usage('unit trust needs the CARD file');
      if (!v.fingerprint) throw ctx.usage('unit trust needs --fingerprint F, as the partner reads it to you (digits, words or hex)');
      const text = readFileSync(file, 'utf8');
      return ctx.withWorkspace(async (core) => {
        const p = core.exchange.addCard(text, v.fingerprint!);
        ctx.print(v.json ? JSON.stringify(partnerJson(p)) : `trusted ${p.name} (${p.agency}, ${p.country})`);
        return 0;
      });
    }
    case 'identity': {
      // The unit's age secret key, for the `age` tool (to open a package by hand): written 0600, audited.
      if (!v.out) throw ctx.usage('unit identity needs --out FILE (the secret key is never printed)');
      return ctx.withWorkspace(async (core) => {
        const db = core.workspace.db();
        writeFileSync(v.out!, `# Portcullis unit key — secret. Anyone with this file can read packages sent to the unit.\n${currentAgeIdentity(db)}\n`, {
          mode: 0o600,
          flag: 'wx',
        });
        db.transaction(() =>
          appendAudit(db, { actor: 'cli', action: 'unit.key.export', entity: 'unit', entityId: null, details: { file: v.out } }),
        ).immediate();
        ctx.print(`secret key written to ${v.out}`);
        return 0;
      });
    }
    default:
      throw ctx.usage('unit takes setup, card, trust CARD or identity');
  }
}

function partnerJson(p: Partner) {
  return {
    id: p.id,
    name: p.name,
    agency: p.agency,
    country: p.country,
    unitType: p.unitType,
    trusted: p.trusted,
    keys: p.keys.map((k) => ({ fingerprint: k.fingerprint, status: k.status })),
  };
}

function previewJson(p: PackagePreview, stored: boolean) {
  const count = (s: string) => p.records.filter((r) => r.status === s).length;
  return {
    package: p.summary.packageId,
    stored,
    id: stored ? p.summary.id : null,
    kind: p.summary.kind,
    subject: p.summary.subject,
    handling: p.summary.handling,
    sender: p.sender,
    sequence: p.summary.sequence,
    createdAt: p.summary.createdAt,
    expiresAt: p.summary.expiresAt,
    inReplyTo: p.summary.inReplyTo,
    records: { new: count('new'), same: count('same'), conflict: count('conflict') },
    case: p.case ? { title: p.case.title, notes: p.case.notes.length } : null,
    attachments: p.attachments.length,
    seizures: p.seizures.length,
  };
}

export async function packageCommand(sub: string | undefined, args: string[], v: ExchangeValues, ctx: CliContext): Promise<number> {
  switch (sub) {
    case 'export': {
      const kind = v.kind ?? (v.case ? 'case' : 'selection');
      if (!(PACKAGE_KINDS as readonly string[]).includes(kind) || kind === 'match-set')
        throw ctx.usage(`--kind must be one of ${PACKAGE_KINDS.filter((k) => k !== 'match-set').join(', ')}`);
      const tlp = (v.tlp ?? 'AMBER').toUpperCase().replace(/^TLP:/, '');
      if (!(TLP as readonly string[]).includes(tlp)) throw ctx.usage(`--tlp must be one of ${TLP.join(', ')}`);
      if (!v.to) throw ctx.usage('package export needs --to PARTNER[,PARTNER] (name or fingerprint)');
      if (!v.subject) throw ctx.usage('package export needs --subject TEXT');
      const expires = v['expires-days'] ? Number(v['expires-days']) : 90;
      if (!Number.isInteger(expires) || expires < 1 || expires > 3650) throw ctx.usage('--expires-days is a whole number from 1 to 3650');
      return ctx.withWorkspace(async (core) => {
        const partners = core.exchange.partners();
        const recipients = v.to!.split(',').map((name) => {
          const t = name.trim().toLowerCase();
          const p = partners.find((x) => x.name.toLowerCase() === t || x.keys.some((k) => k.fingerprint === t));
          if (!p) throw new AppError('PARTNER_NOT_FOUND', `There is no partner "${name.trim()}" in the directory.`);
          return p.id;
        });
        const draft: PackageDraft = {
          kind: kind as PackageDraft['kind'],
          recipients,
          handling: tlp as PackageDraft['handling'],
          expiresInDays: expires,
          message: { subject: v.subject!, body: v.body ?? '', indicators: [], action: '', result: '', expectedAt: null, place: '' },
          selection: {
            caseId: v.case ? ids(v.case, '--case', ctx)[0]! : null,
            shipments: ids(v.shipments, '--shipments', ctx),
            parties: ids(v.parties, '--parties', ctx),
            containers: ids(v.containers, '--containers', ctx),
            passengers: ids(v.passengers, '--passengers', ctx),
            seizures: [],
            charts: [],
            notes: null,
            attachments: null,
          },
          inReplyTo: v['reply-to'] ?? null,
        };
        const plan = core.exchange.plan(draft);
        if (!v.yes) {
          // What leaves is confirmed before anything is written.
          ctx.print(v.json ? JSON.stringify({ plan, written: false }) : `${describePlan(plan)}\nnothing written: add --yes to sign, encrypt and write it`);
          return 1;
        }
        const sent = await core.exchange.send(draft, v.out ?? null);
        ctx.print(
          v.json
            ? JSON.stringify({ package: sent.packageId, file: sent.file, size: sent.size, sequence: sent.sequence, plan })
            : `${describePlan(plan)}\npackage ${sent.packageId} written to ${sent.file} (${sent.size} bytes)`,
        );
        return 0;
      });
    }
    case 'import': {
      const file = args[0];
      if (!file) throw ctx.usage('package import needs the package FILE');
      return ctx.withWorkspace(async (core) => {
        try {
          const p = await core.exchange.receive({ uploadId: null, path: file, dryRun: v['dry-run'] ?? false });
          const out = previewJson(p, !v['dry-run']);
          ctx.print(
            v.json
              ? JSON.stringify(out)
              : `${v['dry-run'] ? 'verified (dry run, nothing stored)' : 'received'}: ${out.kind} "${out.subject}" from ${out.sender.name} (${out.sender.country}), ` +
                  `TLP:${out.handling}; records ${out.records.new} new, ${out.records.same} same, ${out.records.conflict} conflicting; ${out.attachments} attachment(s)`,
          );
          return 0;
        } catch (err) {
          if (v.json && err instanceof AppError) {
            ctx.print(JSON.stringify({ refused: true, code: err.code, message: err.message }));
            return 1;
          }
          throw err;
        }
      });
    }
    default:
      throw ctx.usage('package takes export or import FILE');
  }
}

function describePlan(plan: ReturnType<Core['exchange']['plan']>): string {
  const c = plan.counts;
  return [
    `to: ${plan.recipients.map((r) => `${r.name} (${r.country}) ${r.fingerprint.slice(0, 16)}…`).join(', ')}`,
    `handling: TLP:${plan.handling}${plan.caseTitle ? `; case "${plan.caseTitle}"` : ''}`,
    `carries: ${c.shipments} shipments, ${c.parties} parties, ${c.containers} containers, ${c.passengers} passengers, ${c.notes} notes, ${c.attachments} attachments (${plan.attachmentBytes} bytes), ${c.seizures} seizures, ${c.charts} charts`,
    ...plan.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
