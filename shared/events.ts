// Events pushed from the core to every UI. Kept apart from api.ts (and zod) so the preload stays tiny.
import type { JobInfo, WorkspaceStatus } from './domain/workspace.ts';

export type AppCommand = 'lock' | 'palette' | 'settings' | 'about';

export type Events = {
  'data.changed': { tables: string[] };
  'job.updated': JobInfo;
  'workspace.changed': WorkspaceStatus;
  /** A menu item or shortcut handled by the UI. */
  'app.command': { command: AppCommand };
};
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['data.changed', 'job.updated', 'workspace.changed', 'app.command'];
export type EventMessage = { event: EventName; payload: unknown };
