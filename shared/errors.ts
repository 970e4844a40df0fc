// Errors a user can meet: a stable code (other tools match on it) and a message a person understands.
// Stack traces belong in the log, never in the UI.

export const ERROR_CODES = [
  'WORKSPACE_WRONG_PASSPHRASE',
  'WORKSPACE_FROM_NEWER_VERSION',
  'WORKSPACE_CORRUPT',
  'WORKSPACE_LOCKED',
  'WORKSPACE_IN_USE',
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_EXISTS',
  'WORKSPACE_WEAK_PASSPHRASE',
  'WORKSPACE_KEYCHAIN_UNAVAILABLE',
  'BACKUP_INVALID',
  'API_UNKNOWN_METHOD',
  'API_INVALID_INPUT',
  'API_FORBIDDEN',
  'JOB_NOT_FOUND',
  'JOB_CANCELLED',
  'IMPORT_REFUSED',
  'IMPORT_NOT_FOUND',
  'IMPORT_ALREADY_UNDONE',
  'UPLOAD_INVALID',
  'RECORD_NOT_FOUND',
  'EXPORT_FAILED',
  'TARGETING_NOT_FOUND',
  'TARGETING_INVALID_RULE',
  'TARGETING_DECISION_REFUSED',
  'GRAPH_NODE_UNKNOWN',
  'GRAPH_CHART_NOT_FOUND',
  'GRAPH_MATCH_NOT_FOUND',
  'CASE_NOT_FOUND',
  'CASE_ATTACHMENT_NOT_FOUND',
  'ATTACHMENT_TAMPERED',
  'ATTACHMENT_TOO_LARGE',
  'CLI_USAGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorPayload = { code: ErrorCode; message: string; details?: unknown };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
