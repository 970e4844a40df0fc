// The bottom bar: which workspace is open, auto-lock, background jobs, and a lock button.
import { Button, Classes, Icon } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { JobInfo, WorkspaceInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { JobsIndicator } from '../jobs/JobsIndicator.tsx';

export function StatusBar({ workspace, jobs }: { workspace: WorkspaceInfo; jobs: JobInfo[] }) {
  const { t } = useTranslation();
  return (
    <footer className="pc-statusbar" role="contentinfo">
      <span className="pc-status-item" title={workspace.dir}>
        <Icon icon="database" size={12} /> {workspace.name}
      </span>
      <span className={`pc-status-item ${Classes.TEXT_MUTED}`}>
        <Icon icon="lock" size={12} /> {t('status.encrypted')}
      </span>
      <span className={`pc-status-item ${Classes.TEXT_MUTED}`}>
        {workspace.autoLockMinutes > 0 ? t('status.autoLock', { minutes: workspace.autoLockMinutes }) : t('status.autoLockOff')}
      </span>
      <span className="pc-spacer" />
      <JobsIndicator jobs={jobs} />
      <Button small minimal icon="lock" text={t('status.lock')} onClick={() => void api.call('workspace.lock')} data-testid="lock-button" />
    </footer>
  );
}
