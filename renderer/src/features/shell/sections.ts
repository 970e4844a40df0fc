// The workstation's sections, in navigation order. `built` says whether the section does its job yet;
// the others say so plainly instead of showing a placeholder that looks real.
import type { IconName } from '@blueprintjs/core';

export type SectionId = 'overview' | 'shipments' | 'passengers' | 'targeting' | 'graph' | 'cases' | 'exchange' | 'training' | 'settings';

export type Section = { id: SectionId; icon: IconName; built: boolean };

export const SECTIONS: readonly Section[] = [
  { id: 'overview', icon: 'dashboard', built: true },
  { id: 'shipments', icon: 'box', built: false },
  { id: 'passengers', icon: 'people', built: false },
  { id: 'targeting', icon: 'locate', built: false },
  { id: 'graph', icon: 'graph', built: false },
  { id: 'cases', icon: 'folder-shared', built: false },
  { id: 'exchange', icon: 'exchange', built: false },
  { id: 'training', icon: 'learning', built: false },
  { id: 'settings', icon: 'cog', built: true },
];
