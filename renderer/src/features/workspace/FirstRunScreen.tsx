// First screen when no workspace is open: recent workspaces, create a new one, open one by folder,
// restore a backup, or open a trainer's exercise pack into a new training workspace.
import { Button, Card, Classes, Elevation, FormGroup, H1, H4, InputGroup, Menu, MenuItem, Tab, Tabs } from '@blueprintjs/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentWorkspace } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { PreferencesBar } from '../settings/PreferencesBar.tsx';
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx';
import { DemoButton } from './DemoButton.tsx';
import { OpenPackForm } from './OpenPackForm.tsx';
import { RestoreDialog } from './RestoreDialog.tsx';

type Props = { onOpen(ws: Pick<RecentWorkspace, 'dir' | 'name'>): void };

export function FirstRunScreen({ onOpen }: Props) {
  const { t } = useTranslation();
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  const [tab, setTab] = useState<string>('open');
  const [folder, setFolder] = useState('');
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    void api.call('workspace.recent').then((list) => {
      setRecent(list);
      if (list.length === 0) setTab('create');
    });
  }, []);

  function openFolder(e: FormEvent) {
    e.preventDefault();
    if (folder.trim()) onOpen({ dir: folder.trim(), name: folder.trim().split(/[\\/]/).filter(Boolean).pop() ?? folder });
  }

  return (
    <div className="pc-center-screen">
      <Card elevation={Elevation.TWO} className="pc-welcome">
        <div className="pc-welcome-head">
          <H1 className="pc-brand">Portcullis</H1>
          <p className={Classes.TEXT_MUTED}>{t('app.tagline')}</p>
        </div>
        <DemoButton />
        <Tabs id="first-run" selectedTabId={tab} onChange={(id) => setTab(String(id))} large renderActiveTabPanelOnly>
          <Tab
            id="open"
            title={t('firstRun.open')}
            panel={
              <div className="pc-form">
                {recent.length > 0 ? (
                  <>
                    <H4>{t('firstRun.recent')}</H4>
                    <Menu className="pc-recent" aria-label={t('firstRun.recent')}>
                      {recent.map((r) => (
                        <MenuItem
                          key={r.dir}
                          icon="database"
                          text={r.name}
                          label={r.dir}
                          onClick={() => onOpen(r)}
                          labelElement={
                            <Button
                              minimal
                              small
                              icon="cross"
                              aria-label={t('firstRun.forget')}
                              title={t('firstRun.forget')}
                              onClick={(e) => {
                                e.stopPropagation();
                                void api.call('workspace.forget', { dir: r.dir }).then(setRecent);
                              }}
                            />
                          }
                        />
                      ))}
                    </Menu>
                  </>
                ) : (
                  <p className={Classes.TEXT_MUTED}>{t('firstRun.noRecent')}</p>
                )}
                <form onSubmit={openFolder}>
                  <FormGroup label={t('firstRun.openFolder')} labelFor="open-dir">
                    <InputGroup
                      id="open-dir"
                      value={folder}
                      onValueChange={setFolder}
                      leftIcon="folder-open"
                      rightElement={<Button type="submit" minimal icon="arrow-right" disabled={!folder.trim()} aria-label={t('firstRun.openSubmit')} />}
                    />
                  </FormGroup>
                </form>
                <Button minimal icon="history" text={t('restore.open')} onClick={() => setRestoring(true)} />
              </div>
            }
          />
          <Tab id="create" title={t('firstRun.create')} panel={<CreateWorkspaceForm />} />
          <Tab id="exercise" title={t('training.openPack.tab')} panel={<OpenPackForm />} data-testid="first-run-exercise" />
        </Tabs>
        <PreferencesBar />
      </Card>
      <RestoreDialog isOpen={restoring} onClose={() => setRestoring(false)} />
    </div>
  );
}
