// The browser shell's transport: one WebSocket to /api (the session cookie is the credential), with
// request ids, reconnection, and a connection state the UI can show.
import type { Response } from '../../../shared/api.ts';
import type { EventMessage } from '../../../shared/events.ts';
import type { CallOutcome, Transport } from './transport.ts';

type Pending = { resolve: (r: CallOutcome) => void };
export type ConnectionState = 'connecting' | 'open' | 'closed';

export function socketTransport(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`): Transport & {
  onState(cb: (s: ConnectionState) => void): () => void;
} {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const setState = (s: ConnectionState) => stateListeners.forEach((cb) => cb(s));

  function connect() {
    setState('connecting');
    ws = new WebSocket(url);
    ws.onopen = () => {
      retryMs = 250;
      setState('open');
      for (const text of queue.splice(0)) ws?.send(text);
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as Response | EventMessage;
      if ('event' in msg) {
        listeners.get(msg.event)?.forEach((cb) => cb(msg.payload));
      } else {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg.ok ? { ok: true, result: msg.result } : { ok: false, error: msg.error });
      }
    };
    ws.onclose = () => {
      setState('closed');
      for (const [id, p] of pending) {
        p.resolve({ ok: false, error: { code: 'INTERNAL', message: 'The connection to Portcullis was lost.' } });
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }
  connect();

  return {
    call(method, input) {
      const id = nextId++;
      const text = JSON.stringify({ id, method, input });
      return new Promise<CallOutcome>((resolve) => {
        pending.set(id, { resolve });
        if (ws?.readyState === WebSocket.OPEN) ws.send(text);
        else queue.push(text);
      });
    },
    on(event, cb) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb);
      return () => set.delete(cb);
    },
    onState(cb) {
      stateListeners.add(cb);
      return () => stateListeners.delete(cb);
    },
  };
}
