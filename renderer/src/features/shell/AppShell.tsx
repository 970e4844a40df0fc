// The workstation once unlocked: navigation, the current section, the status bar and the command palette.
import { Button, Classes, HotkeysProvider, KeyComboTag, useHotkeys, type HotkeyConfig } from '@blueprintjs/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceInfo } from '../../../../shared/domain/workspace.ts';
import { api } from '../../api.ts';
import { usePreferences } from '../../app/preferences.tsx';
import { LANGUAGES } from '../../i18n/index.ts';
import { useJobs } from '../jobs/useJobs.ts';
import { CasesPage } from '../cases/CasesPage.tsx';
import { ExchangePage } from '../exchange/ExchangePage.tsx';
import { usePrintRoute } from '../cases/case-route.ts';
import { PrintPage } from '../cases/PrintPage.tsx';
import { GraphPage } from '../graph/GraphPage.tsx';
import { ImportsPage } from '../imports/ImportsPage.tsx';
import { OverviewPage } from '../overview/OverviewPage.tsx';
import { PassengersPage } from '../passengers/PassengersPage.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { RecordDrawer } from '../records/RecordDrawer.tsx';
import { NotBuiltYet } from '../sections/NotBuiltYet.tsx';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { ShipmentsPage } from '../shipments/ShipmentsPage.tsx';
import { TargetingPage } from '../targeting/TargetingPage.tsx';
import { DebriefPrintPage } from '../training/DebriefReport.tsx';
import { TrainingMarkContext, useTrainingMarkLoader, useTrainingMark } from '../training/training-mark.ts';
import { TrainingBanner } from '../training/TrainingBanner.tsx';
import { useDebriefRoute } from '../training/training-route.ts';
import { TrainingPage } from '../training/TrainingPage.tsx';
import { CommandPalette, type Command } from './CommandPalette.tsx';
import { NavSidebar } from './NavSidebar.tsx';
import { SECTIONS, sectionKey } from './sections.ts';
import { StatusBar } from './StatusBar.tsx';
import { useSection } from './useSection.ts';

/** Exports go beside the workspace folder, in "exports" (the export dialogs let the user change it). */
const exportDirOf = (workspace: WorkspaceInfo) => `${workspace.dir.replace(/[\\/][^\\/]*$/, '')}/exports`;

function Workstation({ workspace }: { workspace: WorkspaceInfo }) {
  const { t } = useTranslation();
  const [section, go] = useSection();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [records, setRecords] = useState<RecordRef[]>([]);
  const { theme, setTheme, language, setLanguage } = usePreferences();
  const jobs = useJobs();
  const training = useTrainingMark().active;
  const lock = useCallback(() => void api.call('workspace.lock'), []);
  // Going somewhere else (a section, a tab, a hit opened from a record) closes the record drawer.
  useEffect(() => {
    const close = () => setRecords([]);
    window.addEventListener('hashchange', close);
    return () => window.removeEventListener('hashchange', close);
  }, []);

  useEffect(
    () =>
      api.on('app.command', ({ command }) => {
        if (command === 'lock') lock();
        else if (command === 'palette') setPaletteOpen(true);
        else if (command === 'settings') go('settings');
      }),
    [go, lock],
  );

  const commands = useMemo<Command[]>(
    () => [
      ...SECTIONS.map((s, i) => ({
        id: `go.${s.id}`,
        icon: s.icon,
        label: t('palette.goTo', { section: t(`sections.${s.id}.title`) }),
        hint: sectionKey(i).replace('alt', 'Alt'),
        run: () => go(s.id),
      })),
      { id: 'lock', icon: 'lock', label: t('palette.lock'), hint: 'Ctrl+L', run: lock },
      { id: 'theme', icon: theme === 'dark' ? 'flash' : 'moon', label: t('settings.toggleTheme'), run: () => setTheme(theme === 'dark' ? 'light' : 'dark') },
      {
        id: 'language',
        icon: 'translate',
        label: t('palette.language'),
        run: () => setLanguage(LANGUAGES[(LANGUAGES.indexOf(language) + 1) % LANGUAGES.length]!),
      },
      { id: 'backup', icon: 'archive', label: t('palette.backup'), run: () => go('settings') },
      { id: 'audit', icon: 'endorsed', label: t('audit.verify'), run: () => go('overview') },
    ],
    [t, go, lock, theme, setTheme, language, setLanguage],
  );

  const hotkeys = useMemo<HotkeyConfig[]>(
    () => [
      { combo: 'mod+k', global: true, label: t('palette.open'), preventDefault: true, allowInInput: true, onKeyDown: () => setPaletteOpen(true) },
      { combo: 'mod+shift+p', global: true, label: t('palette.open'), preventDefault: true, allowInInput: true, onKeyDown: () => setPaletteOpen(true) },
      { combo: 'mod+l', global: true, label: t('palette.lock'), preventDefault: true, allowInInput: true, onKeyDown: lock },
      ...SECTIONS.map((s, i) => ({
        combo: sectionKey(i),
        global: true,
        label: t('palette.goTo', { section: t(`sections.${s.id}.title`) }),
        preventDefault: true,
        allowInInput: true,
        onKeyDown: () => go(s.id),
      })),
    ],
    [t, go, lock],
  );
  const { handleKeyDown, handleKeyUp } = useHotkeys(hotkeys);

  const current = SECTIONS.find((s) => s.id === section)!;
  const exportDir = exportDirOf(workspace);
  let page;
  if (section === 'overview') page = <OverviewPage workspace={workspace} />;
  else if (section === 'settings') page = <SettingsPage workspace={workspace} />;
  else if (section === 'imports') page = <ImportsPage />;
  else if (section === 'shipments') page = <ShipmentsPage exportDir={exportDir} onOpen={(ref) => setRecords((s) => [...s, ref])} />;
  else if (section === 'passengers') page = <PassengersPage exportDir={exportDir} onOpen={(ref) => setRecords((s) => [...s, ref])} />;
  else if (section === 'targeting') page = <TargetingPage onOpen={(ref) => setRecords((s) => [...s, ref])} />;
  else if (section === 'graph') page = <GraphPage onOpen={(ref) => setRecords((s) => [...s, ref])} />;
  else if (section === 'cases') page = <CasesPage onOpen={(ref) => setRecords((s) => [...s, ref])} />;
  else if (section === 'exchange') page = <ExchangePage onOpen={(ref) => setRecords((s) => [...s, ref])} />;
  else if (section === 'training') page = <TrainingPage onOpen={(ref) => setRecords((s) => [...s, ref])} />;
  else page = <NotBuiltYet section={current} />;

  return (
    <div className={training ? 'pc-shell pc-shell-training' : 'pc-shell'} onKeyDown={handleKeyDown} onKeyUp={handleKeyUp}>
      <TrainingBanner />
      <header className="pc-topbar">
        <span className="pc-brand pc-brand-small">Portcullis</span>
        <span className={Classes.TEXT_MUTED}>/</span>
        <span>{t(`sections.${section}.title`)}</span>
        <span className="pc-spacer" />
        <Button
          small
          minimal
          icon="search"
          text={t('palette.open')}
          endIcon={<KeyComboTag combo="mod+k" minimal />}
          onClick={() => setPaletteOpen(true)}
          data-testid="palette-button"
        />
      </header>
      <NavSidebar current={section} onSelect={go} />
      <main className="pc-main">{page}</main>
      <StatusBar workspace={workspace} jobs={jobs} />
      <CommandPalette isOpen={paletteOpen} onClose={() => setPaletteOpen(false)} commands={commands} />
      {records.length > 0 && (
        <RecordDrawer
          stack={records}
          onOpen={(ref) => setRecords((s) => [...s, ref])}
          onBack={() => setRecords((s) => s.slice(0, -1))}
          onClose={() => setRecords([])}
        />
      )}
    </div>
  );
}

export function AppShell({ workspace }: { workspace: WorkspaceInfo }) {
  // A report's print view (#/print/…) takes the whole window: what prints is the report alone.
  const print = usePrintRoute();
  const debrief = useDebriefRoute();
  // Every screen and report of a training workspace says so.
  const training = useTrainingMarkLoader(workspace);
  let body;
  if (print) body = <PrintPage route={print} exportDir={exportDirOf(workspace)} />;
  else if (debrief) body = <DebriefPrintPage route={debrief} exportDir={exportDirOf(workspace)} />;
  else {
    body = (
      <HotkeysProvider>
        <Workstation workspace={workspace} />
      </HotkeysProvider>
    );
  }
  return <TrainingMarkContext.Provider value={training}>{body}</TrainingMarkContext.Provider>;
}
