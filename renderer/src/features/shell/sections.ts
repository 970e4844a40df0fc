// The workstation's sections, in navigation order (Alt+1 … Alt+9, Alt+0 for the tenth). `built` says whether the section does its job yet;
// the others say so plainly instead of showing a placeholder that looks real.
import type { IconName } from '@blueprintjs/core';

export type SectionId = 'overview' | 'imports' | 'shipments' | 'passengers' | 'targeting' | 'graph' | 'cases' | 'exchange' | 'training' | 'settings';

export type Section = { id: SectionId; icon: IconName; built: boolean };

export const SECTIONS: readonly Section[] = [
  { id: 'overview', icon: 'dashboard', built: true },
  { id: 'imports', icon: 'import', built: true },
  { id: 'shipments', icon: 'box', built: true },
  { id: 'passengers', icon: 'people', built: true },
  { id: 'targeting', icon: 'locate', built: true },
  { id: 'graph', icon: 'graph', built: true },
  { id: 'cases', icon: 'folder-shared', built: true },
  { id: 'exchange', icon: 'exchange', built: true },
  { id: 'training', icon: 'learning', built: true },
  { id: 'settings', icon: 'cog', built: true },
];

/** The keyboard shortcut of the section at `index`: Alt+1 … Alt+9, then Alt+0. */
export const sectionKey = (index: number) => `alt+${(index + 1) % 10}`;
