// Risk profiles: the list (name, version, modes, enabled, rules), and one profile open in the editor.
// Leaving an editor with unsaved changes asks first.
import { Alert, Button, Classes, HTMLTable, Intent, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../shared/domain/targeting.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { useTargetingFormat } from './format.ts';
import { ProfileEditor } from './ProfileEditor.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { RowLink } from './RowLink.tsx';

type Props = { profileId: number | null; onSelect(id: number | null): void; onOpen(ref: RecordRef): void };

export function ProfilesTab({ profileId, onSelect, onOpen }: Props) {
  const { t } = useTranslation();
  const loadProfiles = useCallback(() => api.call('targeting.profiles'), []);
  const profiles = useLoad(loadProfiles, []);
  const loadNames = useCallback(async () => {
    const [lists, watchlists] = await Promise.all([api.call('targeting.lists'), api.call('targeting.watchlists')]);
    return { lists: lists.map((l) => l.name), watchlists: watchlists.map((w) => w.name) };
  }, []);
  const names = useLoad(loadNames, []);
  const [creating, setCreating] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const guard = (go: () => void) => (dirty ? setLeaving(() => go) : go());

  const open = creating ? null : profiles.data?.find((p) => p.id === profileId);
  const editing = creating || open !== undefined;
  return (
    <div className="pc-profiles" data-testid="profiles-tab">
      <ErrorCallout error={profiles.error ?? names.error} />
      {editing && names.data ? (
        <ProfileEditor
          key={creating ? 'new' : `${open!.id}`}
          profile={open ?? null}
          names={names.data}
          onDirty={setDirty}
          onBack={() =>
            guard(() => {
              setCreating(false);
              setDirty(false);
              onSelect(null);
            })
          }
          onSaved={(p) => {
            setCreating(false);
            setDirty(false);
            profiles.reload();
            onSelect(p.id);
          }}
          onOpen={onOpen}
        />
      ) : profiles.data ? (
        <ProfileList profiles={profiles.data} onSelect={onSelect} onNew={() => setCreating(true)} />
      ) : (
        <Spinner size={24} className="pc-mt" />
      )}
      <Alert
        isOpen={leaving !== null}
        intent={Intent.WARNING}
        icon="warning-sign"
        cancelButtonText={t('targeting.profile.keepEditing')}
        confirmButtonText={t('targeting.profile.discard')}
        onCancel={() => setLeaving(null)}
        onConfirm={() => {
          const go = leaving;
          setLeaving(null);
          setDirty(false);
          go?.();
        }}
      >
        {t('targeting.profile.discardQuestion')}
      </Alert>
    </div>
  );
}

function ProfileList({ profiles, onSelect, onNew }: { profiles: Profile[]; onSelect(id: number): void; onNew(): void }) {
  const { t } = useTranslation();
  const f = useTargetingFormat();
  return (
    <>
      <div className="pc-row pc-mb">
        <p className={`${Classes.TEXT_MUTED} pc-flex`}>{t('targeting.profile.listHelp')}</p>
        <Button intent={Intent.PRIMARY} icon="add" text={t('targeting.profile.new')} onClick={onNew} data-testid="profile-new" />
      </div>
      {profiles.length === 0 ? (
        <NonIdealState icon="document" title={t('targeting.profile.none')} />
      ) : (
        <HTMLTable compact interactive striped className="pc-table" data-testid="profile-list">
          <thead>
            <tr>
              <th>{t('targeting.profile.name')}</th>
              <th className="pc-right">{t('targeting.profile.version')}</th>
              <th>{t('targeting.profile.modes')}</th>
              <th>{t('targeting.profile.state')}</th>
              <th className="pc-right">{t('targeting.profile.rules')}</th>
              <th>{t('targeting.profile.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.id} onClick={() => onSelect(p.id)} data-testid="profile-row" data-profile={p.name}>
                <td>
                  <RowLink onOpen={() => onSelect(p.id)}>{p.name}</RowLink>
                  {p.description && <div className={`${Classes.TEXT_MUTED} pc-clamp`}>{p.description}</div>}
                </td>
                <td className="pc-right pc-num">v{p.version}</td>
                <td>
                  <span className="pc-row pc-gap-small">
                    {p.modes.map((m) => (
                      <Tag key={m} minimal>
                        {t(`targeting.modes.${m}`)}
                      </Tag>
                    ))}
                  </span>
                </td>
                <td>
                  <Tag minimal intent={p.enabled ? Intent.SUCCESS : Intent.NONE}>
                    {p.enabled ? t('targeting.profile.enabled') : t('targeting.profile.disabled')}
                  </Tag>
                </td>
                <td className="pc-right pc-num">{p.rules.length}</td>
                <td className={Classes.TEXT_MUTED}>
                  {f.moment(p.updatedAt)} · {p.updatedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
    </>
  );
}
