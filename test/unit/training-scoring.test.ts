// Scoring of training submissions (issue 10) on hand-built submissions: perfect, empty, all false alarms,
// late, partial, and the fairness rules (order, duplicates, spelling of numbers and indicators).
import { describe, expect, it } from 'vitest';
import { scoreSubmission, type AnswerTarget, type ScoreInput } from '../../shared/domain/training.ts';

const START = '2026-11-29T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000).toISOString();
const targets: AnswerTarget[] = [
  {
    entity: 'shipment',
    ref: 'MSCU1234567',
    scheme: 'cocaine_reefer',
    indicators: ['origin in a cocaine source country', 'reefer container with fresh fruit or seafood'],
  },
  { entity: 'shipment', ref: 'MAEU7654321', scheme: 'rip_on_rip_off', indicators: ['seal number differs between container events'] },
  { entity: 'passenger', ref: 'P1234567', scheme: 'air_couriers', indicators: ['paid in cash', 'booked hours before departure'] },
  { entity: 'passenger', ref: 'P7654321', scheme: 'air_couriers', indicators: ['paid in cash', 'booked hours before departure'] },
];
const input = (selections: ScoreInput['selections'], over: Partial<ScoreInput> = {}): ScoreInput => ({
  targets,
  selections,
  startedAt: START,
  submittedAt: at(50),
  timeLimitMinutes: 60,
  ...over,
});
const pick = (t: AnswerTarget, minutes: number, indicators = t.indicators) => ({ entity: t.entity, ref: t.ref, indicators, selectedAt: at(minutes) });

describe('training scoring', () => {
  it('gives a perfect, fast submission (nearly) full marks', () => {
    const s = scoreSubmission(input(targets.map((t, i) => pick(t, 1 + i))));
    expect(s).toMatchObject({ precision: 1, recall: 1, f1: 1, truePositives: 4, falseAlarms: 0, indicatorCredit: 1, missed: [], late: false });
    expect(s.minutesToFirstCorrect).toBe(1);
    expect(s.total).toBeCloseTo(60 + 25 + 15 * (59 / 60), 1);
  });

  it('gives an empty submission nothing', () => {
    const s = scoreSubmission(input([]));
    expect(s).toMatchObject({ total: 0, precision: 0, recall: 0, f1: 0, truePositives: 0, falseAlarms: 0, minutesToFirstCorrect: null, speed: 0 });
    expect(s.missed).toHaveLength(4);
  });

  it('gives all false alarms nothing, however many', () => {
    const wrong = Array.from({ length: 30 }, (_, i) => ({ entity: 'shipment' as const, ref: `XXXU${1000000 + i}`, indicators: [], selectedAt: at(i) }));
    const s = scoreSubmission(input(wrong));
    expect(s).toMatchObject({ total: 0, precision: 0, recall: 0, falseAlarms: 30, truePositives: 0 });
    expect(s.falseAlarmCost).toBe(75);
  });

  it('does not count selections after the time limit, and marks a late submission', () => {
    const s = scoreSubmission(input([pick(targets[0]!, 10), pick(targets[1]!, 61), pick(targets[2]!, 90)], { submittedAt: at(95) }));
    expect(s.late).toBe(true);
    expect(s.lateSelections).toBe(2);
    expect(s.truePositives).toBe(1);
    expect(s.recall).toBe(0.25);
    const onTime = scoreSubmission(input([pick(targets[0]!, 10)]));
    expect(s.total).toBe(onTime.total);
  });

  it('credits only the indicators that truly reveal a target, whatever their case or spacing', () => {
    const s = scoreSubmission(input([pick(targets[0]!, 5, ['ORIGIN in a cocaine  source country', 'cheap freight'])]));
    expect(s.selections[0]).toMatchObject({ correct: true, indicatorCredit: 0.5 });
    expect(s.indicatorCredit).toBe(0.125);
  });

  it('costs false alarms against the hits', () => {
    const hits = targets.slice(0, 2).map((t, i) => pick(t, 5 + i));
    const clean = scoreSubmission(input(hits));
    const noisy = scoreSubmission(input([...hits, { entity: 'shipment', ref: 'ZZZU0000001', indicators: [], selectedAt: at(7) }]));
    expect(noisy.total).toBeLessThan(clean.total);
    expect(noisy.falseAlarms).toBe(1);
    expect(noisy.precision).toBeCloseTo(2 / 3, 3);
  });

  it('is fair: the same selections in any order, repeated or differently written, score the same', () => {
    const base = targets.map((t, i) => pick(t, 3 + i));
    const a = scoreSubmission(input(base));
    const shuffled = [base[2]!, base[0]!, base[3]!, base[1]!, { ...base[0]!, ref: 'mscu 1234567', selectedAt: at(40) }];
    const b = scoreSubmission(input(shuffled));
    expect(b.total).toBe(a.total);
    expect(b.truePositives).toBe(4);
    expect(b.falseAlarms).toBe(0);
    for (let i = 0; i < 20; i++) expect(scoreSubmission(input(base)).total).toBe(a.total);
  });
});
