// Reports as PDF files: the print view on screen printed by the shell (Electron's printToPDF), written
// next to the user's other exports without replacing a file, and put on the audit log as a disclosure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { currentActor, type Core } from '../core.ts';

export async function printReport(core: Core, input: { out: string; subject: string; caseId: number | null }): Promise<{ file: string; bytes: number }> {
  const print = core.options.printToPdf;
  if (!print) {
    throw new AppError('EXPORT_FAILED', 'Printing straight to a PDF file needs the desktop app; here, use Print and choose “Save as PDF”.');
  }
  const file = resolve(input.out);
  const pdf = await print();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, pdf, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new AppError('WORKSPACE_EXISTS', 'A file with this name already exists; choose another name for the report.');
    throw new AppError('EXPORT_FAILED', `The report could not be written: ${(err as Error).message}`);
  }
  const db = core.workspace.db();
  db.transaction(() =>
    appendAudit(db, {
      actor: currentActor(),
      action: 'report.pdf',
      entity: input.caseId ? 'case' : 'report',
      entityId: input.caseId ? String(input.caseId) : null,
      details: { file, bytes: pdf.length },
    }),
  )();
  return { file, bytes: pdf.length };
}
