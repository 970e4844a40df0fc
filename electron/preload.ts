// The only bridge between the sandboxed page and the main process: invoke(method, input) and
// on(event, callback). No channel names, no ipcRenderer, nothing else reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, type EventMessage } from '../shared/events.ts';

const INVOKE_CHANNEL = 'portcullis:invoke';
const EVENT_CHANNEL = 'portcullis:event';

contextBridge.exposeInMainWorld('portcullis', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, String(method), input),
  on: (event: string, callback: (payload: unknown) => void): (() => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`);
    const listener = (_e: IpcRendererEvent, msg: EventMessage) => {
      if (msg.event === event) callback(msg.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  },
});
