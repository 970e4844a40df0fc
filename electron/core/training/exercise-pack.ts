// Exercise packs (issue 10): the trainer's scenario in the formats a unit really receives (so trainees
// practise the import too), the instructions, and the answer key — the last encrypted with age to the
// trainer's own key, so a trainee holding the pack cannot read it. The pack is a zip whose first entries
// are the trainer's Ed25519 signature and a canonical-JSON manifest listing every file's SHA-256; a pack
// that does not verify in full is refused before anything of it is used.
import { createHash, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { UnitProfileSchema, type UnitProfile } from '../../../shared/domain/exchange.ts';
import { DIFFICULTIES, EXERCISE_TEMPLATES, TEMPLATE_SCHEMES, type AnswerTarget, type ExerciseDraft } from '../../../shared/domain/training.ts';
import { AppError } from '../../../shared/errors.ts';
import { canonicalJson } from '../audit/audit-log.ts';
import { encrypt, isRecipient } from '../exchange/age.ts';
import { PackageZipWriter, ZipError, readZipStream } from '../exchange/package-zip.ts';
import { verifySignature } from '../exchange/unit-keys.ts';
import { writeScenarioFiles, type OutputFormat } from '../generator/files/index.ts';
import { SCHEMES, type AnswerKey, type SchemeName, type ScenarioParams } from '../generator/model.ts';
import { DEFAULT_PARAMS, generateScenario } from '../generator/scenario.ts';
import { SCHEME_INFO } from '../generator/schemes.ts';

export const PACK_FORMAT = 'portcullis-exercise/1';
const HEX64 = z.string().regex(/^[0-9a-f]{64}$/);

export const PackManifestSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    id: z.string().uuid(),
    title: z.string().max(200),
    template: z.enum(EXERCISE_TEMPLATES),
    difficulty: z.enum(DIFFICULTIES),
    instructions: z.string().max(20_000),
    objectives: z.array(z.string().max(300)).max(20),
    timeLimitMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    /** What the trainee is told of the schemes in play: everything (introductory), their names (standard) or nothing (advanced). */
    briefing: z
      .array(z.object({ name: z.string().max(40), description: z.string().max(1000), indicators: z.array(z.string().max(300)).max(20) }).strict())
      .max(10),
    /** Indicators a trainee may cite: every scheme's, so that the list gives nothing away. */
    indicatorChoices: z.array(z.string().max(300)).max(200),
    trainer: z
      .object({ unit: UnitProfileSchema, fingerprint: HEX64, signingKey: z.string().max(64), recipient: z.string().max(100).refine(isRecipient) })
      .strict(),
    createdAt: z.string().datetime(),
    files: z
      .array(
        z
          .object({
            path: z.string().regex(/^files\/[A-Za-z0-9._-]{1,80}$/),
            format: z.string().max(20),
            size: z.number().int().min(0),
            sha256: HEX64,
          })
          .strict(),
      )
      .max(50),
    answerKey: z.object({ path: z.literal('answer-key.age'), size: z.number().int().min(0), sha256: HEX64 }).strict(),
  })
  .strict();
export type PackManifest = z.infer<typeof PackManifestSchema>;

export type Trainer = { unit: UnitProfile; fingerprint: string; signingKey: string; signingSecret: string; recipient: string };

const TEMPLATE_SETUP: Record<ExerciseDraft['template'], { modes: ScenarioParams['modes']; formats: OutputFormat[]; passengers: boolean }> = {
  seaport: { modes: { sea: 1, air: 0, road: 0 }, formats: ['cuscar', 'codeco', 'coarri', 'iftsta'], passengers: false },
  'air-cargo': { modes: { sea: 0, air: 1, road: 0 }, formats: ['fwb', 'fhl', 'ffm'], passengers: false },
  passengers: { modes: { sea: 1, air: 0, road: 0 }, formats: ['paxlst', 'pnrgov'], passengers: true },
  'land-border': { modes: { sea: 0, air: 0, road: 1 }, formats: ['csv'], passengers: false },
};

/** The generator's parameters for an exercise. */
export function scenarioParams(draft: ExerciseDraft): ScenarioParams {
  const setup = TEMPLATE_SETUP[draft.template];
  const schemes = draft.schemes.filter((s): s is SchemeName => (SCHEMES as readonly string[]).includes(s) && TEMPLATE_SCHEMES[draft.template].includes(s));
  if (schemes.length === 0) throw new AppError('API_INVALID_INPUT', `None of these schemes fits the ${draft.template} template.`, { schemes: draft.schemes });
  const shipments = setup.passengers ? 0 : draft.size;
  const passengers = setup.passengers ? draft.size : 0;
  return {
    ...DEFAULT_PARAMS,
    seed: draft.seed,
    shipments,
    passengers,
    schemes,
    rate: Math.min(0.5, draft.targets / draft.size),
    modes: setup.modes,
  };
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Generates the scenario, writes its files and the encrypted answer key into a signed pack at `out`. */
export async function authorPack(
  draft: ExerciseDraft,
  trainer: Trainer,
  out: string,
  onProgress?: (phase: string) => void,
): Promise<{ exerciseId: string; targets: AnswerTarget[]; files: PackManifest['files']; bytes: number }> {
  const params = scenarioParams(draft);
  const setup = TEMPLATE_SETUP[draft.template];
  // The files are written beside the pack (`out.files`), so that a cancelled job's cleanup finds them.
  const dir = `${out}.files`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    onProgress?.('generating the scenario');
    const scenario = generateScenario(params);
    writeScenarioFiles(dir, params, scenario.items, setup.formats);
    const targets: AnswerTarget[] = [];
    for (const name of params.schemes) {
      const s = scenario.answerKey.schemes[name];
      for (const r of s.records) {
        if (r.kind === 'shipment') targets.push({ entity: 'shipment', ref: r.docNumber, scheme: name, indicators: s.indicators });
        else if (r.kind === 'passenger') targets.push({ entity: 'passenger', ref: r.docNumber, scheme: name, indicators: s.indicators });
      }
    }
    addNetworkLinks(params, targets, scenario.answerKey);
    onProgress?.('packing');
    const answer = encrypt(Buffer.from(JSON.stringify({ exercise: draft, targets })), [trainer.recipient]);
    const fileNames = readdirSync(dir).sort();
    const files = fileNames.map((name) => {
      const path = join(dir, name);
      return { path: `files/${name}`, format: formatOf(name), size: statSync(path).size, sha256: sha256File(path) };
    });
    const briefing =
      draft.difficulty === 'advanced'
        ? []
        : params.schemes.map((n) => ({
            name: n,
            description: SCHEME_INFO[n].description,
            indicators: draft.difficulty === 'introductory' ? SCHEME_INFO[n].indicators : [],
          }));
    const manifest: PackManifest = {
      format: PACK_FORMAT,
      id: randomUUID(),
      title: draft.title,
      template: draft.template,
      difficulty: draft.difficulty,
      instructions: draft.instructions,
      objectives: draft.objectives,
      timeLimitMinutes: draft.timeLimitMinutes,
      briefing,
      indicatorChoices: [...new Set(SCHEMES.flatMap((n) => SCHEME_INFO[n].indicators))].sort(),
      trainer: { unit: trainer.unit, fingerprint: trainer.fingerprint, signingKey: trainer.signingKey, recipient: trainer.recipient },
      createdAt: new Date().toISOString(),
      files,
      answerKey: { path: 'answer-key.age', size: answer.length, sha256: createHash('sha256').update(answer).digest('hex') },
    };
    const manifestBytes = Buffer.from(canonicalJson(manifest));
    const secret = createPrivateKey({ key: Buffer.from(trainer.signingSecret, 'base64'), format: 'der', type: 'pkcs8' });
    const signature = Buffer.from(canonicalJson({ fingerprint: trainer.fingerprint, signature: sign(null, manifestBytes, secret).toString('base64') }));
    const parts: Buffer[] = [];
    const zip = new PackageZipWriter((c) => void parts.push(Buffer.from(c)));
    await zip.addBuffer('signature.json', signature, 'store');
    await zip.addBuffer('manifest.json', manifestBytes, 'deflate');
    for (const name of fileNames) await zip.addBuffer(`files/${name}`, readFileSync(join(dir, name)), 'deflate');
    await zip.addBuffer('answer-key.age', answer, 'store');
    await zip.finish();
    const bytes = Buffer.concat(parts);
    writeFileSync(`${out}.partial`, bytes, { mode: 0o600 });
    renameSync(`${out}.partial`, out);
    return { exerciseId: manifest.id, targets, files, bytes: bytes.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formatOf(name: string): string {
  const base = basename(name).toLowerCase();
  for (const f of ['cuscar', 'codeco', 'coarri', 'iftsta', 'baplie', 'iftmin', 'paxlst', 'pnrgov', 'fwb', 'fhl', 'ffm']) if (base.includes(f)) return f;
  return base.endsWith('.xlsx') ? 'xlsx' : 'csv';
}

export type OpenedPack = { manifest: PackManifest; files: { name: string; format: string; data: Buffer; sha256: string }[]; answerKey: Buffer };

/** Reads a pack and verifies it whole: the trainer's signature over the manifest, then every file's hash. */
export async function readPack(path: string): Promise<OpenedPack> {
  const invalid = (why: string) => new AppError('TRAINING_PACK_INVALID', 'This is not a valid exercise pack, or it was altered.', { why });
  if (statSync(path).size > 2 * 1024 ** 3) throw invalid('too large');
  const entries: { name: string; data: Buffer }[] = [];
  try {
    for await (const e of readZipStream(createReadStream(path), { entries: 60 })) {
      const parts: Buffer[] = [];
      for await (const c of e.data) parts.push(c);
      entries.push({ name: e.name, data: Buffer.concat(parts) });
    }
  } catch (err) {
    if (err instanceof ZipError) throw invalid(err.message);
    throw err;
  }
  const [sigEntry, manifestEntry, ...rest] = entries;
  if (sigEntry?.name !== 'signature.json' || manifestEntry?.name !== 'manifest.json') throw invalid('no signature or manifest');
  let sig: { fingerprint: string; signature: string };
  let manifest: PackManifest;
  try {
    sig = z
      .object({ fingerprint: HEX64, signature: z.string().max(100) })
      .strict()
      .parse(JSON.parse(sigEntry.data.toString('utf8')));
    // The manifest names the trainer's key; the signature is checked with it before anything else is used.
    const claimed = JSON.parse(manifestEntry.data.toString('utf8')) as { trainer?: { signingKey?: unknown } };
    if (
      typeof claimed.trainer?.signingKey !== 'string' ||
      !verifySignature(claimed.trainer.signingKey, manifestEntry.data, Buffer.from(sig.signature, 'base64'))
    ) {
      throw invalid('the signature does not verify');
    }
    manifest = PackManifestSchema.parse(claimed);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid('the manifest is not in the expected form');
  }
  if (manifest.trainer.fingerprint !== sig.fingerprint) throw invalid('the signer is not the trainer named');
  const expected = [...manifest.files.map((f) => f.path), manifest.answerKey.path];
  if (rest.length !== expected.length || rest.some((e, i) => e.name !== expected[i])) throw invalid('the files do not match the manifest');
  const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const files = manifest.files.map((f, i) => {
    const data = rest[i]!.data;
    if (data.length !== f.size || hash(data) !== f.sha256) throw invalid(`${f.path} does not match its hash`);
    return { name: f.path.slice('files/'.length), format: f.format, data, sha256: f.sha256 };
  });
  const answerKey = rest.at(-1)!.data;
  if (hash(answerKey) !== manifest.answerKey.sha256) throw invalid('the answer key does not match its hash');
  return { manifest, files, answerKey };
}

/** For the debrief: how each hidden record is linked to the others in the network — a party (or an address)
 * it shares with another hidden shipment, a booking a hidden traveller shares with another. The scenario is
 * generated again from the same seed (the generator is deterministic), to read the parties of each record. */
function addNetworkLinks(params: ScenarioParams, targets: AnswerTarget[], answerKey: AnswerKey): void {
  const shipments = new Map(targets.filter((t) => t.entity === 'shipment').map((t) => [t.ref, t]));
  const parties = new Map<string, { name: string; address: string }>();
  const partiesOf = new Map<string, { role: string; partyKey: string }[]>();
  if (shipments.size > 0) {
    for (const item of generateScenario(params).items) {
      if (item.type === 'party') parties.set(item.party.key, { name: item.party.name, address: `${item.party.address}, ${item.party.city}` });
      else if (item.type === 'movement') for (const s of item.movement.shipments) if (shipments.has(s.docNumber)) partiesOf.set(s.docNumber, s.parties);
    }
  }
  const byParty = new Map<string, string[]>();
  const byAddress = new Map<string, string[]>();
  for (const [doc, list] of partiesOf) {
    for (const p of list) {
      (byParty.get(p.partyKey) ?? byParty.set(p.partyKey, []).get(p.partyKey)!).push(doc);
      const address = parties.get(p.partyKey)?.address;
      if (address) (byAddress.get(address) ?? byAddress.set(address, []).get(address)!).push(doc);
    }
  }
  for (const [doc, list] of partiesOf) {
    const links: NonNullable<AnswerTarget['links']> = [];
    for (const p of list) {
      const party = parties.get(p.partyKey);
      if (!party) continue;
      const other = (byParty.get(p.partyKey) ?? []).find((d) => d !== doc);
      if (other) links.push({ role: p.role, via: party.name, other });
      else {
        const sameAddress = (byAddress.get(party.address) ?? []).find((d) => d !== doc);
        if (sameAddress) links.push({ role: 'address', via: party.address, other: sameAddress });
      }
    }
    if (links.length > 0) shipments.get(doc)!.links = links.slice(0, 5);
  }
  // Travellers: the booking (record locator) a hidden traveller shares with another.
  const byLocator = new Map<string, string[]>();
  for (const scheme of Object.values(answerKey.schemes))
    for (const r of scheme.records)
      if (r.kind === 'passenger') (byLocator.get(r.recordLocator) ?? byLocator.set(r.recordLocator, []).get(r.recordLocator)!).push(r.docNumber);
  for (const t of targets) {
    if (t.entity !== 'passenger') continue;
    for (const [locator, docs] of byLocator) {
      const other = docs.includes(t.ref) ? docs.find((d) => d !== t.ref) : undefined;
      if (other) (t.links ??= []).push({ role: 'booking', via: locator, other });
    }
  }
}
