// What an import tells the analyst: what was taken, what was refused and why, each with a stable code
// and the line or segment it concerns.
import { AppError } from '../../../shared/errors.ts';

export type ImportIssue = { line: number; code: string; message: string; field?: string };

export type ImportReport = {
  file: string;
  format: string;
  accepted: number;
  rejected: number;
  warnings: ImportIssue[];
  errors: ImportIssue[];
};

/** Warnings past this many are counted, not listed. */
const MAX_LISTED = 1000;

export class IssueLog {
  readonly warnings: ImportIssue[] = [];
  readonly errors: ImportIssue[] = [];
  warningCount = 0;
  private readonly strict: boolean;

  constructor(strict: boolean) {
    this.strict = strict;
  }

  /** A deviation the reader worked around; in strict mode it refuses the file instead. */
  warn(line: number, code: string, message: string, field?: string): void {
    if (this.strict) throw new ImportRefused(code, `${message} (strict mode)`, line);
    this.warningCount++;
    if (this.warnings.length < MAX_LISTED) this.warnings.push(field ? { line, code, message, field } : { line, code, message });
  }

  /** A fact the analyst should see that is no deviation (strict mode does not refuse it). */
  note(line: number, code: string, message: string): void {
    this.warningCount++;
    if (this.warnings.length < MAX_LISTED) this.warnings.push({ line, code, message });
  }

  /** One record refused; the rest of the file goes on. */
  reject(line: number, code: string, message: string, field?: string): void {
    if (this.errors.length < MAX_LISTED) this.errors.push(field ? { line, code, message, field } : { line, code, message });
  }
}

/** The whole file is refused: nothing of it is written. */
export class ImportRefused extends AppError {
  readonly line: number;
  readonly importCode: string;

  constructor(code: string, message: string, line = 0) {
    super('IMPORT_REFUSED', message, { code, line });
    this.importCode = code;
    this.line = line;
  }
}
