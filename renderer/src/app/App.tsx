// Top of the UI: the first-run screen, the unlock screen or the workstation, by workspace state.
import { NonIdealState, Spinner } from '@blueprintjs/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentWorkspace } from '../../../shared/domain/workspace.ts';
import { AppShell } from '../features/shell/AppShell.tsx';
import { FirstRunScreen } from '../features/workspace/FirstRunScreen.tsx';
import { UnlockScreen } from '../features/workspace/UnlockScreen.tsx';
import { useIdleActivity } from './useIdleActivity.ts';
import { useWorkspaceStatus } from './useWorkspaceStatus.ts';

export function App() {
  const { t } = useTranslation();
  const status = useWorkspaceStatus();
  const [opening, setOpening] = useState<Pick<RecentWorkspace, 'dir' | 'name'> | null>(null);
  useIdleActivity(status?.state === 'unlocked');
  // Once the workspace picked is open, it is no longer "being opened": locking it and choosing "Open a
  // different workspace" must lead to the first-run screen, not back to its own unlock screen.
  if (status?.state === 'unlocked' && opening) setOpening(null);

  if (!status) {
    return <NonIdealState className="pc-fill" icon={<Spinner />} title={t('app.starting')} />;
  }
  if (status.state === 'unlocked') return <AppShell workspace={status.workspace} />;
  if (status.state === 'locked') return <UnlockScreen dir={status.dir} name={status.name} locked />;
  if (opening) return <UnlockScreen dir={opening.dir} name={opening.name} onBack={() => setOpening(null)} />;
  return <FirstRunScreen onOpen={setOpening} />;
}
