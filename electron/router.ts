// The one gate every call passes, whatever its transport: unknown methods refused, input parsed by the
// method's zod schema, locked workspaces refused, errors turned into { code, message } for the UI.
import { isMethodName, methods, type MethodName } from '../shared/api.ts';
import { AppError, type ErrorPayload } from '../shared/errors.ts';
import type { Handlers } from './api.ts';
import type { WorkspaceService } from './core/workspace/workspace-service.ts';

export type CallResult = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

export class Router {
  private readonly handlers: Handlers;
  private readonly workspace: Pick<WorkspaceService, 'status'>;

  constructor(handlers: Handlers, workspace: Pick<WorkspaceService, 'status'>) {
    this.handlers = handlers;
    this.workspace = workspace;
  }

  /** Never throws: every failure comes back as an error payload. */
  async call(method: unknown, input: unknown): Promise<CallResult> {
    try {
      return { ok: true, result: await this.dispatch(method, input) };
    } catch (err) {
      return { ok: false, error: toErrorPayload(err) };
    }
  }

  async dispatch(method: unknown, input: unknown): Promise<unknown> {
    if (!isMethodName(method)) {
      throw new AppError('API_UNKNOWN_METHOD', `Unknown method: ${String(method).slice(0, 80)}`);
    }
    const def = methods[method];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
      throw new AppError('API_INVALID_INPUT', `Invalid input for ${method}: ${issues.join('; ')}`, { issues });
    }
    if (def.needsWorkspace && this.workspace.status().state !== 'unlocked') {
      throw new AppError('WORKSPACE_LOCKED', 'The workspace is locked. Unlock it to continue.');
    }
    const handler = this.handlers[method] as (input: unknown) => unknown;
    return await handler(parsed.data);
  }
}

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  console.error('unexpected error', err);
  return { code: 'INTERNAL', message: 'Something went wrong inside Portcullis; the details are in the log.' };
}

export type { MethodName };
