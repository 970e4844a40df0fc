// Settings: appearance and language, security (auto-lock, passphrase, lock), backup, and the audit log.
import { Classes, H2, Tab, Tabs } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { WorkspaceInfo } from '../../../../shared/domain/workspace.ts';
import { AuditPanel } from './AuditPanel.tsx';
import { BackupPanel } from './BackupPanel.tsx';
import { GeneralPanel } from './GeneralPanel.tsx';
import { SecurityPanel } from './SecurityPanel.tsx';

export function SettingsPage({ workspace }: { workspace: WorkspaceInfo }) {
  const { t } = useTranslation();
  return (
    <div className="pc-page" data-section="settings">
      <H2>{t('sections.settings.title')}</H2>
      <p className={Classes.TEXT_MUTED}>{t('sections.settings.purpose')}</p>
      <Tabs id="settings" vertical renderActiveTabPanelOnly className="pc-settings-tabs">
        <Tab id="general" title={t('settings.general')} panel={<GeneralPanel />} />
        <Tab id="security" title={t('settings.security')} panel={<SecurityPanel workspace={workspace} />} />
        <Tab id="backup" title={t('settings.backup')} panel={<BackupPanel workspace={workspace} />} />
        <Tab id="audit" title={t('settings.audit')} panel={<AuditPanel />} />
      </Tabs>
    </div>
  );
}
