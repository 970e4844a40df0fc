// How the UI reaches the core: Electron's preload bridge when present, otherwise the browser shell's
// WebSocket. Both carry the same calls and events.
import type { ErrorPayload } from '../../../shared/errors.ts';

export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

export type Transport = {
  call(method: string, input: unknown): Promise<CallOutcome>;
  on(event: string, callback: (payload: unknown) => void): () => void;
};

type Bridge = {
  invoke(method: string, input: unknown): Promise<CallOutcome>;
  on(event: string, callback: (payload: unknown) => void): () => void;
};

declare global {
  // Declaration merging onto the DOM's Window needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    portcullis?: Bridge;
  }
}

export function electronTransport(bridge: Bridge): Transport {
  return { call: (m, i) => bridge.invoke(m, i), on: (e, cb) => bridge.on(e, cb) };
}
