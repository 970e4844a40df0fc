// Electron's transport for the API: one invoke channel, one event channel, the sender frame checked on
// every call before the router sees it.
import type { BrowserWindow, IpcMain } from 'electron';
import type { EventMessage } from '../shared/api.ts';
import type { EventBus } from './core/app/events.ts';
import type { CallResult, Router } from './router.ts';
import { assertTrustedSender } from './security.ts';

export const INVOKE_CHANNEL = 'portcullis:invoke';
export const EVENT_CHANNEL = 'portcullis:event';

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, router: Router, events: EventBus, windows: () => BrowserWindow[]): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown): Promise<CallResult> => {
    if (!assertTrustedSender(event)) {
      return { ok: false, error: { code: 'API_FORBIDDEN', message: 'This window may not use the Portcullis API.' } };
    }
    return router.call(method, input);
  });
  return events.subscribe((event, payload) => {
    const message: EventMessage = { event, payload };
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, message);
  });
}
