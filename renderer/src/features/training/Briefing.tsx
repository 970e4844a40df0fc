// The exercise as the trainee is briefed: who set it (the trainer's unit and key fingerprint, to compare
// with what the trainer reads out), the instructions and objectives, and what the difficulty lets the
// trainee know of the schemes in play.
import { Callout, Card, Classes, H3, H5, HTMLTable, Tag } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { fingerprintDigits, fingerprintWords } from '../../../../shared/domain/exchange.ts';
import type { TrainingMark } from '../../../../shared/domain/training.ts';
import { Fingerprint } from '../exchange/Fingerprint.tsx';
import { useTrainingFormat } from './format.ts';

export function Briefing({ mark }: { mark: TrainingMark }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  return (
    <Card className="pc-training-card" data-testid="training-briefing">
      <div className="pc-training-kind">{t('training.briefing.kind')}</div>
      <H3 data-testid="briefing-title">{mark.title}</H3>
      <HTMLTable compact className="pc-kv">
        <tbody>
          <tr>
            <th>{t('training.briefing.trainee')}</th>
            <td data-testid="briefing-trainee">{mark.trainee}</td>
          </tr>
          <tr>
            <th>{t('training.briefing.trainer')}</th>
            <td data-testid="briefing-trainer">
              {mark.trainer.name} ({mark.trainer.country})
            </td>
          </tr>
          <tr>
            <th>{t('training.briefing.template')}</th>
            <td>{t(`training.templates.${mark.template}`)}</td>
          </tr>
          <tr>
            <th>{t('training.briefing.difficulty')}</th>
            <td>
              <Tag minimal>{t(`training.difficulties.${mark.difficulty}`)}</Tag>
            </td>
          </tr>
          <tr>
            <th>{t('training.briefing.started')}</th>
            <td>{f.moment(mark.startedAt)}</td>
          </tr>
          <tr>
            <th>{t('training.briefing.timeLimit')}</th>
            <td>{t('training.minutes', { minutes: mark.timeLimitMinutes })}</td>
          </tr>
        </tbody>
      </HTMLTable>
      <details className="pc-mt">
        <summary>{t('training.briefing.fingerprint')}</summary>
        <p className={Classes.TEXT_MUTED}>{t('training.briefing.fingerprintHelp')}</p>
        <Fingerprint
          words={fingerprintWords(mark.trainer.fingerprint)}
          digits={fingerprintDigits(mark.trainer.fingerprint)}
          hex={mark.trainer.fingerprint}
          testId="briefing-fingerprint"
        />
      </details>
      <H5 className="pc-mt">{t('training.briefing.instructions')}</H5>
      {mark.instructions.trim() ? (
        <p className="pc-training-prose" data-testid="briefing-instructions">
          {mark.instructions}
        </p>
      ) : (
        <p className={Classes.TEXT_MUTED}>{t('training.briefing.noInstructions')}</p>
      )}
      {mark.objectives.length > 0 && (
        <>
          <H5>{t('training.briefing.objectives')}</H5>
          <ol data-testid="briefing-objectives">
            {mark.objectives.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ol>
        </>
      )}
      <H5>{t('training.briefing.schemes')}</H5>
      {mark.briefing.length === 0 ? (
        <Callout icon="eye-off">{t('training.briefing.noSchemes')}</Callout>
      ) : (
        <div data-testid="briefing-schemes">
          <p className={Classes.TEXT_MUTED}>{t(`training.briefing.schemesHelp.${mark.difficulty === 'introductory' ? 'introductory' : 'standard'}`)}</p>
          {mark.briefing.map((s) => (
            <div key={s.name} className="pc-training-scheme" data-scheme={s.name}>
              <strong>{f.scheme(s.name)}</strong>
              <div>{s.description}</div>
              {s.indicators.length > 0 && (
                <ul>
                  {s.indicators.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
