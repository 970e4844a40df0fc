// Imports from the UI: receive the file's bytes, run the import as a background job on its own database
// connection, tell every view what changed, and keep the history (with undo).
import type { ImportIssueRow, ImportSummary, TablePreview } from '../../../shared/domain/imports.ts';
import { workerUrl } from '../../workers/index.ts';
import type { EventBus } from '../app/events.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { WorkspaceService } from '../workspace/workspace-service.ts';
import { importIssues, listImports, undoImport } from './history.ts';
import { detectFormat, type ImportOutcome } from './import-file.ts';
import { previewTable, saveSpec } from './tabular/preview.ts';
import type { Uploads } from './uploads.ts';

const CHANGED = ['shipment', 'party', 'container', 'container_event', 'conveyance', 'passenger', 'booking', 'import_batch'];

export type ImportServiceDeps = { jobs: JobRunner; events: EventBus; workspace: WorkspaceService; uploads: Uploads; actor: string };

export class ImportService {
  private readonly deps: ImportServiceDeps;

  constructor(deps: ImportServiceDeps) {
    this.deps = deps;
  }

  upload(input: { uploadId: string | null; name: string; offset: number; data: string }): { uploadId: string; size: number } {
    this.deps.workspace.db();
    return this.deps.uploads.append(input);
  }

  discard(uploadId: string): { discarded: true } {
    this.deps.uploads.discard(uploadId);
    return { discarded: true };
  }

  preview(uploadId: string): TablePreview | null {
    const upload = this.deps.uploads.get(uploadId);
    const format = detectFormat(upload.file);
    return format === 'csv' || format === 'xlsx' || format === 'xls' || format === 'ods' ? previewTable(this.deps.workspace.db(), upload.file, format) : null;
  }

  saveSpec(input: { name: string; headers: string[]; mapping: Record<string, number> }): { saved: true } {
    saveSpec(this.deps.workspace.db(), input.name, input.headers, input.mapping);
    return { saved: true };
  }

  start(input: { uploadId: string; format: string | null; strict: boolean; mapping?: Record<string, number> | undefined; spec?: string | undefined }): {
    jobId: string;
  } {
    const { jobs, events, workspace, uploads, actor } = this.deps;
    const upload = uploads.get(input.uploadId);
    const db = workspace.databaseForWorker();
    const job = jobs.start({
      kind: 'import.file',
      label: upload.name,
      worker: workerUrl('import'),
      input: {
        ...db,
        file: upload.file,
        name: upload.name,
        format: input.format,
        strict: input.strict,
        actor,
        mapping: input.mapping ?? null,
        spec: input.spec ?? null,
      },
      cleanup: () => uploads.discard(input.uploadId),
      onResult: (result) => {
        uploads.discard(input.uploadId);
        const outcome = result as ImportOutcome;
        if (!outcome.refused) events.emit('data.changed', { tables: CHANGED });
        return outcome;
      },
    });
    return { jobId: job.id };
  }

  history(limit: number): ImportSummary[] {
    return listImports(this.deps.workspace.db(), limit);
  }

  report(importId: number): ImportIssueRow[] {
    return importIssues(this.deps.workspace.db(), importId);
  }

  undo(importId: number): { removed: Record<string, number> } {
    const result = undoImport(this.deps.workspace.db(), importId, this.deps.actor);
    this.deps.events.emit('data.changed', { tables: CHANGED });
    return result;
  }
}
