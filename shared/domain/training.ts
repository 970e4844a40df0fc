// Training mode (issue 10): exercises authored from the generator's scenarios, selections a trainee makes
// with their justification, and the scoring of a submission against the answer key. Scoring is a pure
// function of the selections, the answer key and the time limit: the same selections always get the same
// score. What it rewards and costs is written out in SCORING_RULES, which the app shows as it is.
import { z } from 'zod';

export const EXERCISE_TEMPLATES = ['seaport', 'air-cargo', 'passengers', 'land-border'] as const;
export type ExerciseTemplate = (typeof EXERCISE_TEMPLATES)[number];

export const DIFFICULTIES = ['introductory', 'standard', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** The schemes a template can hide (the generator's names). */
export const TEMPLATE_SCHEMES: Record<ExerciseTemplate, readonly string[]> = {
  seaport: ['cocaine_reefer', 'rip_on_rip_off', 'precursors', 'cigarettes_underdeclared', 'front_company'],
  'air-cargo': ['counterfeit_medicines', 'precursors', 'front_company'],
  passengers: ['air_couriers'],
  'land-border': ['cigarettes_underdeclared', 'precursors', 'front_company'],
};

export const ExerciseDraftSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    template: z.enum(EXERCISE_TEMPLATES),
    /** Shipments (cargo templates) or passengers (the passenger template) in the scenario. */
    size: z.number().int().min(50).max(200_000),
    difficulty: z.enum(DIFFICULTIES).default('standard'),
    schemes: z.array(z.string().min(1).max(40)).min(1).max(10),
    /** How many records (shipments or passengers) carry a scheme, about. */
    targets: z.number().int().min(1).max(500),
    timeLimitMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    instructions: z.string().max(20_000).default(''),
    objectives: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
  })
  .strict();
export type ExerciseDraft = z.infer<typeof ExerciseDraftSchema>;

/** A record a trainee selects for control, by the number the documents carry (the same in every workspace). */
export const SelectionSchema = z
  .object({
    entity: z.enum(['shipment', 'passenger']),
    /** B/L or AWB number, or travel document number. */
    ref: z.string().trim().min(1).max(60),
    indicators: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
    justification: z.string().max(4000).default(''),
  })
  .strict();
export type SelectionInput = z.infer<typeof SelectionSchema>;
export type Selection = SelectionInput & { id: number; selectedAt: string };

/** What the answer key says of each hidden record: its scheme and the indicators that reveal it. */
export type AnswerTarget = {
  entity: 'shipment' | 'passenger';
  ref: string;
  scheme: string;
  indicators: string[];
  /** Links in the network to other hidden records: a party or an address they share, a booking travelled on together. */
  links?: { role: string; via: string; other: string }[];
};

export type ScoreInput = {
  targets: AnswerTarget[];
  selections: Pick<Selection, 'entity' | 'ref' | 'indicators' | 'selectedAt'>[];
  startedAt: string;
  submittedAt: string;
  timeLimitMinutes: number;
};

export type ScoredSelection = { entity: string; ref: string; correct: boolean; scheme: string | null; indicatorCredit: number; late: boolean };

export type Score = {
  total: number;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falseAlarms: number;
  missed: AnswerTarget[];
  indicatorCredit: number;
  minutesToFirstCorrect: number | null;
  speed: number;
  falseAlarmCost: number;
  late: boolean;
  lateSelections: number;
  selections: ScoredSelection[];
};

export const SCORING_RULES = {
  weights: { f1: 60, indicators: 25, speed: 15 },
  /** Points lost per false alarm, as a share of the exercise's targets (an inspection costs a team hours). */
  falseAlarmPenalty: 10,
  text: [
    'A selection is correct when its document number is one the answer key hides a scheme behind; selecting the same record twice counts once.',
    'Precision is the share of selections that are correct; recall the share of hidden records found; F1 their harmonic mean (60 points).',
    'Indicator credit: for each correct selection, the share of the indicators that truly reveal it which the trainee cited (25 points, averaged over the hidden records, so unfound records earn none).',
    'Speed: the sooner the first correct selection within the time limit, the more of 15 points.',
    'False alarms cost 10 points times their number divided by the number of hidden records: each one is an inspection for nothing.',
    'Selections made after the time limit do not count; a submission after the limit is marked late.',
    'The total is kept between 0 and 100 and rounded to one decimal. The same selections always give the same score.',
  ],
} as const;

const norm = (s: string) =>
  s
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
const key = (entity: string, ref: string) => `${entity}:${norm(ref)}`;
const phrase = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Scores one submission. Pure and deterministic: see SCORING_RULES. */
export function scoreSubmission(input: ScoreInput): Score {
  const start = Date.parse(input.startedAt);
  const limit = start + input.timeLimitMinutes * 60_000;
  const targets = new Map<string, AnswerTarget>();
  for (const t of input.targets) if (!targets.has(key(t.entity, t.ref))) targets.set(key(t.entity, t.ref), t);
  // Earliest selection of each record first; ties by document number, so input order never matters.
  const ordered = [...input.selections].sort((a, b) => a.selectedAt.localeCompare(b.selectedAt) || key(a.entity, a.ref).localeCompare(key(b.entity, b.ref)));
  const seen = new Set<string>();
  const scored: ScoredSelection[] = [];
  let firstCorrect: number | null = null;
  let lateSelections = 0;
  for (const s of ordered) {
    const k = key(s.entity, s.ref);
    if (seen.has(k)) continue;
    seen.add(k);
    const late = Date.parse(s.selectedAt) > limit;
    if (late) {
      lateSelections++;
      scored.push({ entity: s.entity, ref: s.ref, correct: false, scheme: null, indicatorCredit: 0, late: true });
      continue;
    }
    const t = targets.get(k);
    let credit = 0;
    if (t) {
      const truth = new Set(t.indicators.map(phrase));
      const cited = new Set(s.indicators.map(phrase));
      credit = truth.size === 0 ? 1 : [...truth].filter((i) => cited.has(i)).length / truth.size;
      firstCorrect ??= Date.parse(s.selectedAt);
    }
    scored.push({ entity: s.entity, ref: s.ref, correct: Boolean(t), scheme: t?.scheme ?? null, indicatorCredit: round(credit), late: false });
  }
  const counted = scored.filter((s) => !s.late);
  const tp = counted.filter((s) => s.correct).length;
  const fp = counted.length - tp;
  const found = new Set(counted.filter((s) => s.correct).map((s) => key(s.entity, s.ref)));
  const missed = [...targets.entries()].filter(([k]) => !found.has(k)).map(([, t]) => t);
  const precision = counted.length === 0 ? 0 : tp / counted.length;
  const recall = targets.size === 0 ? 0 : tp / targets.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const indicatorCredit = targets.size === 0 ? 0 : counted.filter((s) => s.correct).reduce((sum, s) => sum + s.indicatorCredit, 0) / targets.size;
  const minutes = firstCorrect === null ? null : Math.max(0, (firstCorrect - start) / 60_000);
  const speed = minutes === null ? 0 : Math.max(0, 1 - minutes / input.timeLimitMinutes);
  const falseAlarmCost = targets.size === 0 ? 0 : (SCORING_RULES.falseAlarmPenalty * fp) / targets.size;
  const w = SCORING_RULES.weights;
  const raw = w.f1 * f1 + w.indicators * indicatorCredit + w.speed * speed - falseAlarmCost;
  return {
    total: Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    truePositives: tp,
    falseAlarms: fp,
    missed,
    indicatorCredit: round(indicatorCredit),
    minutesToFirstCorrect: minutes === null ? null : round(minutes, 1),
    speed: round(speed),
    falseAlarmCost: round(falseAlarmCost, 2),
    late: Date.parse(input.submittedAt) > limit,
    lateSelections,
    selections: scored,
  };
}

/** What marks a training workspace (shown on every screen and report): the exercise and its clock. */
export type TrainingMark = {
  exerciseId: string;
  title: string;
  template: ExerciseTemplate;
  difficulty: Difficulty;
  trainee: string;
  trainer: { name: string; country: string; fingerprint: string };
  startedAt: string;
  timeLimitMinutes: number;
  instructions: string;
  objectives: string[];
  briefing: { name: string; description: string; indicators: string[] }[];
  indicatorChoices: string[];
  submittedAt: string | null;
};

export type TrainingFile = { name: string; format: string; size: number };

export type ExerciseSummary = {
  id: number;
  exerciseId: string;
  title: string;
  template: ExerciseTemplate;
  difficulty: Difficulty;
  size: number;
  targets: number;
  timeLimitMinutes: number;
  createdAt: string;
  file: string | null;
  submissions: number;
};

export type AnswerPreview = { exercise: ExerciseSummary; schemes: { name: string; count: number; indicators: string[] }[]; targets: AnswerTarget[] };

export type SubmissionResult = { id: number; trainee: string; startedAt: string; submittedAt: string; total: number; score: Score; rank: number };

export type ClassResults = { exercise: ExerciseSummary; submissions: SubmissionResult[]; rules: readonly string[] };
