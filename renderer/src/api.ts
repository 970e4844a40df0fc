// The typed client, derived from shared/api.ts: `api.call('workspace.unlock', {...})` is checked against
// the contract, and failures reject with an ApiError carrying the stable code.
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api.ts';
import type { EventName, Events } from '../../shared/events.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { electronTransport, type Transport } from './transport/transport.ts';
import { socketTransport } from './transport/socket.ts';

export class ApiError extends Error {
  readonly code: ErrorCode;
  /** What the core adds for the UI, e.g. `{ problems: string[] }` with TARGETING_INVALID_RULE. */
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

const transport: Transport = window.portcullis ? electronTransport(window.portcullis) : socketTransport();

/** The input may be left out exactly when every field is optional (`{}` is then assignable to it). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InputArgs<M extends MethodName> = {} extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export const api = {
  async call<M extends MethodName>(method: M, ...args: InputArgs<M>): Promise<MethodOutput<M>> {
    const outcome = await transport.call(method, args[0] ?? {});
    if (!outcome.ok) throw new ApiError(outcome.error.code, outcome.error.message, outcome.error.details);
    return outcome.result as MethodOutput<M>;
  },
  on<E extends EventName>(event: E, callback: (payload: Events[E]) => void): () => void {
    return transport.on(event, callback as (payload: unknown) => void);
  },
};
