// One profile in the editor: its details and rules, saved as a new version (the core refuses a draft
// whose rules name what does not exist, and the problems show here); a backtest of the saved version
// beside the draft; and the history of versions.
import { Button, Classes, H3, Intent, Tab, Tabs, Tag } from '@blueprintjs/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import type { RecordRef } from '../records/record-ref.ts';
import { BacktestPanel } from './BacktestPanel.tsx';
import {
  editorDraft,
  entitiesOf,
  fieldsFor,
  gapsOf,
  indicatorsFor,
  newFieldCondition,
  ruleDraft,
  toProfileDraft,
  type ProfileEditorDraft,
} from './condition-model.ts';
import type { BuilderContext } from './ConditionBuilder.tsx';
import { ProfileDetails } from './ProfileDetails.tsx';
import { ProfileHistory } from './ProfileHistory.tsx';
import { Problems } from './Problems.tsx';
import { RuleEditor } from './RuleEditor.tsx';

type Props = {
  profile: Profile | null;
  names: { lists: string[]; watchlists: string[] };
  onDirty(dirty: boolean): void;
  onBack(): void;
  onSaved(p: Profile): void;
  onOpen(ref: RecordRef): void;
};

export function ProfileEditor({ profile, names, onDirty, onBack, onSaved, onOpen }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ProfileEditorDraft>(() => editorDraft(profile, ''));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState<string>('rules');
  const problemsRef = useRef<HTMLDivElement>(null);

  const entities = useMemo(() => entitiesOf(draft.modes), [draft.modes]);
  const ctx = useMemo<BuilderContext>(() => ({ fields: fieldsFor(entities), indicators: indicatorsFor(entities), ...names }), [entities, names]);
  const saved = useMemo(() => JSON.stringify(toProfileDraft(editorDraft(profile, ''))), [profile]);
  const dirty = JSON.stringify(toProfileDraft(draft)) !== saved || draft.rules.some((r) => r.textError);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  // What keeps the draft from being sent at all; the core checks the rest (names of fields, lists…).
  const blocking = [
    ...draft.rules.filter((r) => r.textError).map((r) => t('targeting.profile.blockText', { rule: r.name })),
    ...draft.rules.filter((r) => gapsOf(r.condition).length > 0).map((r) => t('targeting.profile.blockGaps', { rule: r.name })),
    ...(draft.rules.some((r) => !r.name.trim()) ? [t('targeting.profile.blockName')] : []),
    ...(!draft.name.trim() || !draft.owner.trim() || draft.modes.length === 0 ? [t('targeting.profile.blockDetails')] : []),
  ];

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const p = await api.call('targeting.saveProfile', { id: profile?.id ?? null, draft: toProfileDraft(draft) });
      onSaved(p);
    } catch (err) {
      setError(err);
      // The problems show under the header, which may be far above the rule being edited.
      setTimeout(() => problemsRef.current?.scrollIntoView({ block: 'nearest' }), 0);
    } finally {
      setSaving(false);
    }
  }

  const addRule = () =>
    setDraft((d) => ({
      ...d,
      rules: [
        ...d.rules,
        ruleDraft({ name: t('targeting.rule.newName', { n: d.rules.length + 1 }), weight: 10, condition: newFieldCondition(ctx.fields, 'goods') }),
      ],
    }));

  return (
    <div className="pc-profile-editor" data-testid="profile-editor" data-profile={profile?.name ?? ''}>
      <div className="pc-row pc-editor-head">
        <Button variant="minimal" icon="arrow-left" text={t('targeting.profile.back')} onClick={onBack} data-testid="profile-back" />
        <H3 className="pc-editor-title">{profile ? profile.name : t('targeting.profile.newTitle')}</H3>
        {profile && (
          <Tag minimal className="pc-num">
            {t('targeting.profile.versionOf', { version: profile.version })}
          </Tag>
        )}
        {dirty && (
          <Tag intent={Intent.WARNING} data-testid="profile-dirty">
            {t('targeting.profile.unsaved')}
          </Tag>
        )}
        <span className="pc-grow" />
        {dirty && profile && <Button variant="minimal" icon="undo" text={t('targeting.profile.revert')} onClick={() => setDraft(editorDraft(profile, ''))} />}
        <Button
          intent={Intent.PRIMARY}
          icon="floppy-disk"
          text={profile ? t('targeting.profile.saveVersion') : t('targeting.profile.create')}
          loading={saving}
          disabled={!dirty || blocking.length > 0}
          title={blocking.join('\n')}
          onClick={() => void save()}
          data-testid="profile-save"
        />
      </div>
      {dirty && blocking.length > 0 && (
        <ul className={`${Classes.TEXT_MUTED} pc-blocking`} data-testid="profile-blocking">
          {blocking.map((b, i) => (
            <li key={i}>{b}</li>
          ))}
        </ul>
      )}
      <div ref={problemsRef}>
        <Problems error={error} />
      </div>
      <Tabs id="profile-editor" selectedTabId={tab} onChange={(id) => setTab(String(id))} className="pc-editor-tabs">
        <Tab
          id="rules"
          title={t('targeting.profile.tabRules', { count: draft.rules.length })}
          data-testid="profile-tab-rules"
          panel={
            <div className="pc-editor-panel">
              <ProfileDetails draft={draft} onChange={(d) => setDraft((old) => ({ ...old, ...d }))} />
              <div className="pc-rules" data-testid="rules">
                {draft.rules.map((r, i) => (
                  <RuleEditor
                    key={r.key}
                    rule={r}
                    index={i}
                    ctx={ctx}
                    entity={entities[0]!}
                    onOpen={onOpen}
                    onChange={(next) => setDraft((d) => ({ ...d, rules: d.rules.map((x) => (x.key === r.key ? next : x)) }))}
                    onRemove={() => setDraft((d) => ({ ...d, rules: d.rules.filter((x) => x.key !== r.key) }))}
                  />
                ))}
                {draft.rules.length === 0 && <p className={Classes.TEXT_MUTED}>{t('targeting.profile.noRules')}</p>}
                <Button icon="add" text={t('targeting.profile.addRule')} onClick={addRule} data-testid="rule-add" />
              </div>
            </div>
          }
        />
        <Tab
          id="backtest"
          title={t('targeting.backtest.tab')}
          data-testid="profile-tab-backtest"
          panel={<BacktestPanel profile={profile} draft={draft} dirty={dirty} blocked={blocking.length > 0} />}
        />
        {profile && <Tab id="history" title={t('targeting.history.tab')} data-testid="profile-tab-history" panel={<ProfileHistory profile={profile} />} />}
      </Tabs>
    </div>
  );
}
