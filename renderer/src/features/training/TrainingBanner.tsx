// The TRAINING mark: a bar above every screen of a training workspace, with the exercise's clock, and the
// mark printed on every page of a report made in one. No one should take exercise data for live data.
import { Icon, Intent, Tag } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingMark } from '../../../../shared/domain/training.ts';
import { useTrainingMark } from './training-mark.ts';
import './training.css';

/** Now, ticking every second while shown. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A duration as h:mm:ss (or m:ss under an hour). */
export function clockText(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export const deadlineOf = (mark: Pick<TrainingMark, 'startedAt' | 'timeLimitMinutes'>) => Date.parse(mark.startedAt) + mark.timeLimitMinutes * 60_000;

/** Time left on the exercise (red once past the limit); stopped when the selections were submitted. */
export function ExerciseClock({ mark, large }: { mark: TrainingMark; large?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  const at = mark.submittedAt ? Date.parse(mark.submittedAt) : now;
  const left = deadlineOf(mark) - at;
  const over = left < 0;
  const text = over ? t('training.clock.over', { time: clockText(left) }) : t('training.clock.left', { time: clockText(left) });
  return (
    <Tag
      large={large}
      icon={mark.submittedAt ? 'tick' : 'time'}
      intent={over ? Intent.DANGER : Intent.NONE}
      className="pc-training-clock"
      data-testid="training-clock"
      data-over={over ? 'true' : 'false'}
    >
      {mark.submittedAt ? `${t('training.clock.submitted')} · ${text}` : text}
    </Tag>
  );
}

export function TrainingBanner() {
  const { t } = useTranslation();
  const { active, mark } = useTrainingMark();
  if (!active) return null;
  return (
    <div className="pc-training-banner" role="status" data-testid="training-banner" title={t('training.bannerHelp')}>
      <Icon icon="learning" />
      <strong data-testid="training-banner-title">{t('training.banner', { title: active.title })}</strong>
      <span>{t('training.bannerTrainee', { trainee: active.trainee })}</span>
      <span className="pc-spacer" />
      <span className="pc-training-banner-note">{t('training.bannerHelp')}</span>
      {mark && <ExerciseClock mark={mark} />}
    </div>
  );
}

/** The mark on a printed report: short in its header and footer (which print on every page), in full
 * (exercise and trainee) as a band above its first page. */
export function PrintTrainingMark({ band }: { band?: boolean }) {
  const { t } = useTranslation();
  const { active } = useTrainingMark();
  if (!active) return null;
  const full = t('training.printMark', { title: active.title, trainee: active.trainee });
  if (band) {
    return (
      <div className="pc-print-training-band" data-testid="print-training-band">
        <strong>{full}</strong> · {t('training.bannerHelp')}
      </div>
    );
  }
  return (
    <span className="pc-print-training" title={full} data-testid="print-training-mark">
      {t('training.printShort')}
    </span>
  );
}
