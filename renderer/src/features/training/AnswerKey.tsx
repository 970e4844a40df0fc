// The exercise's answer key, hidden until the trainer asks for it (trainees may be looking at the same
// screen; every reading is written to the audit log): the schemes with their counts and indicators, and
// every hidden record.
import { Callout, Classes, H6, HTMLTable, Spinner, Switch, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useTrainingFormat } from './format.ts';
import { useAnswerKey } from './useTraining.ts';

export function AnswerKey({ id }: { id: number }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <section data-testid="answer-key-section">
      <Switch checked={shown} onChange={(e) => setShown(e.currentTarget.checked)} label={t('training.answers.reveal')} data-testid="answer-reveal" />
      {shown ? <AnswerKeyBody id={id} /> : <p className={Classes.TEXT_MUTED}>{t('training.answers.hidden')}</p>}
    </section>
  );
}

function AnswerKeyBody({ id }: { id: number }) {
  const { t } = useTranslation();
  const f = useTrainingFormat();
  const answers = useAnswerKey(id);
  if (answers.error) return <ErrorCallout error={answers.error} />;
  if (!answers.data) return <Spinner size={20} />;
  const { schemes, targets } = answers.data;
  return (
    <div data-testid="answer-key">
      <Callout icon="eye-open" compact className="pc-mb">
        {t('training.answers.audited')}
      </Callout>
      <H6>{t('training.answers.schemes')}</H6>
      <HTMLTable compact className="pc-training-table">
        <thead>
          <tr>
            <th>{t('training.answers.scheme')}</th>
            <th className="pc-num">{t('training.answers.count')}</th>
            <th>{t('training.answers.indicators')}</th>
          </tr>
        </thead>
        <tbody>
          {schemes.map((s) => (
            <tr key={s.name} data-testid="answer-scheme" data-scheme={s.name}>
              <td>{f.scheme(s.name)}</td>
              <td className="pc-num">{s.count}</td>
              <td>
                <ul className="pc-training-list">
                  {s.indicators.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
      <H6 className="pc-mt">{t('training.answers.targets', { count: targets.length })}</H6>
      <HTMLTable compact striped className="pc-training-table">
        <thead>
          <tr>
            <th>{t('training.answers.record')}</th>
            <th>{t('training.answers.scheme')}</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((x) => (
            <tr key={`${x.entity}:${x.ref}`} data-testid="answer-target" data-ref={x.ref} data-entity={x.entity} data-scheme={x.scheme}>
              <td>
                <Tag minimal className="pc-training-tag">
                  {t(`training.entity.${x.entity}`)}
                </Tag>
                <span className={Classes.MONOSPACE_TEXT}>{x.ref}</span>
              </td>
              <td>{f.scheme(x.scheme)}</td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
    </div>
  );
}
