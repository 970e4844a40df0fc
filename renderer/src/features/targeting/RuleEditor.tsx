// One rule of a profile: its name and weight, its condition in the visual builder and in the text form
// (kept in step: the builder reprints the text; text that reads updates the builder, text that does not
// shows where it fails and stays as typed), and a test on the latest records before saving.
import { Button, Card, Classes, FormGroup, InputGroup, Intent, NumericInput } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { TargetEntity } from '../../../../shared/domain/targeting.ts';
import type { RecordRef } from '../records/record-ref.ts';
import { ConditionBuilder, type BuilderContext } from './ConditionBuilder.tsx';
import { gapsOf, withCondition, withText, type RuleDraft } from './condition-model.ts';
import { RuleTest } from './RuleTest.tsx';
import { RuleTextForm } from './RuleTextForm.tsx';

type Props = {
  rule: RuleDraft;
  index: number;
  ctx: BuilderContext;
  entity: TargetEntity;
  onChange(r: RuleDraft): void;
  onRemove(): void;
  onOpen(ref: RecordRef): void;
};

export function RuleEditor({ rule, index, ctx, entity, onChange, onRemove, onOpen }: Props) {
  const { t } = useTranslation();
  const gaps = gapsOf(rule.condition);
  return (
    <Card compact className="pc-rule" data-testid="rule-editor" data-rule={rule.name} data-index={index}>
      <div className="pc-rule-head">
        <FormGroup label={t('targeting.rule.name')} labelFor={`rule-name-${rule.key}`} className="pc-rule-name">
          <InputGroup
            id={`rule-name-${rule.key}`}
            value={rule.name}
            onValueChange={(name) => onChange({ ...rule, name })}
            intent={rule.name.trim() ? 'none' : 'danger'}
            data-testid="rule-name"
          />
        </FormGroup>
        <FormGroup label={t('targeting.rule.weight')} labelFor={`rule-weight-${rule.key}`} helperText={t('targeting.rule.weightHelp')}>
          <NumericInput
            id={`rule-weight-${rule.key}`}
            className="pc-rule-weight"
            min={-1000}
            max={1000}
            stepSize={5}
            value={rule.weight}
            onValueChange={(n) => Number.isFinite(n) && onChange({ ...rule, weight: Math.round(n) })}
            data-testid="rule-weight"
          />
        </FormGroup>
        <span className="pc-grow" />
        <Button variant="minimal" icon="trash" intent={Intent.DANGER} text={t('targeting.rule.remove')} onClick={onRemove} data-testid="rule-remove" />
      </div>
      <div className="pc-rule-body">
        <div className="pc-rule-builder">
          <div className={`${Classes.TEXT_MUTED} pc-rule-label`}>{t('targeting.rule.builder')}</div>
          <ConditionBuilder value={rule.condition} ctx={ctx} onChange={(c) => onChange(withCondition(rule, c))} />
          {gaps.length > 0 && (
            <div className="pc-rule-gaps" data-testid="rule-gaps">
              {gaps.map((g, i) => (
                <div key={i}>{t(`targeting.rule.gaps.${g.kind}`, { field: g.field })}</div>
              ))}
            </div>
          )}
        </div>
        <RuleTextForm text={rule.text} error={rule.textError} onChange={(text) => onChange(withText(rule, text))} id={`rule-text-${rule.key}`} />
      </div>
      <RuleTest entity={entity} condition={rule.condition} disabled={gaps.length > 0 || rule.textError !== null} onOpen={onOpen} />
    </Card>
  );
}
