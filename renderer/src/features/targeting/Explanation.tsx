// Why a record is a hit: each rule that fired with its profile and version and its weight, the facts it
// read with this record's values, and the watchlist entries behind it with how close they are.
import { Callout, Classes, HTMLTable, Tag, Tooltip } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { Explanation as ExplanationData } from '../../../../shared/domain/targeting.ts';
import { factLabel } from './field-names.ts';
import { useTargetingFormat } from './format.ts';

export function FactValue({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return <span className={Classes.TEXT_MUTED}>—</span>;
  if (value === true)
    return (
      <Tag minimal intent="warning">
        {t('targeting.fact.yes')}
      </Tag>
    );
  if (value === false) return <span>{t('targeting.fact.no')}</span>;
  if (typeof value === 'number') return <span className="pc-num">{f.number(value)}</span>;
  if (Array.isArray(value)) return <span className={Classes.MONOSPACE_TEXT}>{value.map(String).join(', ')}</span>;
  return <span className={Classes.MONOSPACE_TEXT}>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</span>;
}

export function Explanation({ explanation }: { explanation: ExplanationData }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  return (
    <div className="pc-explanation" data-testid="explanation">
      {explanation.random && (
        <Callout compact icon="random" className="pc-mb" data-testid="explanation-random">
          {t('targeting.hit.randomExplained')}
        </Callout>
      )}
      {explanation.rules.length === 0 && !explanation.random && <p className={Classes.TEXT_MUTED}>{t('targeting.hit.noRules')}</p>}
      {explanation.rules.map((r, i) => (
        <section key={`${r.profileId}:${r.rule}:${i}`} className="pc-expl-rule" data-testid="hit-rule" data-rule={r.rule}>
          <div className="pc-expl-head">
            <strong className="pc-expl-name">{r.rule}</strong>
            <Tag minimal className="pc-num" intent={r.weight >= 0 ? 'warning' : 'success'} title={t('targeting.hit.weight')}>
              {r.weight >= 0 ? `+${r.weight}` : r.weight}
            </Tag>
            <span className={Classes.TEXT_MUTED}>{t('targeting.hit.profileVersion', { profile: r.profile, version: r.version })}</span>
          </div>
          {r.values.length > 0 && (
            <HTMLTable compact className="pc-expl-facts">
              <tbody>
                {r.values.map((v) => {
                  const name = factLabel(t, v.field);
                  return (
                    <tr key={v.field} data-testid="hit-fact" data-field={v.field}>
                      <th>
                        {name.hint ? (
                          <Tooltip content={<span className="pc-tip">{name.hint}</span>} placement="top-start">
                            <span className="pc-dotted">{name.label}</span>
                          </Tooltip>
                        ) : (
                          name.label
                        )}
                      </th>
                      <td data-testid="fact-value">
                        <FactValue value={v.value} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </HTMLTable>
          )}
          {r.watchlist?.map((w, j) => (
            <div key={j} className="pc-expl-watch" data-testid="watch-match">
              <Tag minimal icon="eye-open" intent="danger">
                {w.list}
              </Tag>
              <span>
                {t('targeting.hit.watchMatch', { value: w.value, entry: w.entry })} <strong className="pc-num">{f.percent(w.score)}</strong>
              </span>
              <span className={Classes.TEXT_MUTED}>{w.detail}</span>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
