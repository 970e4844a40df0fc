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
  'UNIT_NOT_SET_UP',
  'UNIT_CARD_INVALID',
  'UNIT_FINGERPRINT_MISMATCH',
  'UNIT_KEY_NOT_FOUND',
  'PARTNER_NOT_FOUND',
  'PARTNER_NOT_TRUSTED',
  'PACKAGE_NOT_FOUND',
  'PACKAGE_FILE_NOT_FOUND',
  'PACKAGE_HANDLING_REFUSED',
  'PACKAGE_EMPTY',
  // A received package refused before anything of it is read or stored, one code per reason.
  'PACKAGE_NOT_AGE',
  'PACKAGE_TRUNCATED',
  'PACKAGE_TRAILING_DATA',
  'PACKAGE_HEADER_INVALID',
  'PACKAGE_HEADER_TAMPERED',
  'PACKAGE_PAYLOAD_TAMPERED',
  'PACKAGE_TOO_MANY_STANZAS',
  'PACKAGE_PASSPHRASE_STANZA',
  'PACKAGE_NOT_FOR_THIS_UNIT',
  'PACKAGE_TOO_LARGE',
  'PACKAGE_ZIP_INVALID',
  'PACKAGE_ZIP_UNSAFE',
  'PACKAGE_ZIP_BOMB',
  'PACKAGE_UNKNOWN_SENDER',
  'PACKAGE_SENDER_UNTRUSTED',
  'PACKAGE_KEY_REVOKED',
  'PACKAGE_KEY_RETIRED',
  'PACKAGE_SIGNATURE_INVALID',
  'PACKAGE_MANIFEST_INVALID',
  'PACKAGE_SENDER_MISMATCH',
  'PACKAGE_NOT_ADDRESSED',
  'PACKAGE_RECIPIENTS_MISMATCH',
  'PACKAGE_EXPIRED',
  'PACKAGE_NOT_YET_VALID',
  'PACKAGE_DUPLICATE',
  'PACKAGE_REPLAYED',
  'PACKAGE_CONTENT_MISMATCH',
  'PACKAGE_CONTENT_INVALID',
  'TRAINING_PACK_INVALID',
  'TRAINING_SUBMISSION_INVALID',
  'TRAINING_EXERCISE_NOT_FOUND',
  'TRAINING_NOT_TRAINING',
  'TRAINING_ISOLATED',
  'TRAINING_SUBMITTED',
  'TRAINING_ANSWERS_INVALID',
  'TRAINING_NOT_OVER',
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
