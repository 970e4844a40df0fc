// The core services of one process, wired together. Electron's main, the browser shell and the CLI
// each build one and hand it to the router; nothing here knows which transport is in front.
import { userInfo } from 'node:os';
import { EventBus } from './app/events.ts';
import { RecentWorkspaces } from './app/recent.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { CasesService } from './cases/cases-service.ts';
import { ExchangeService } from './exchange/exchange-service.ts';
import { GraphService } from './graph/graph-service.ts';
import { GridService } from './grids/grid-service.ts';
import { ImportService } from './ingest/import-service.ts';
import { TargetingService } from './targeting/targeting-service.ts';
import { TrainingService } from './training/training-service.ts';
import { Uploads } from './ingest/uploads.ts';
import { WorkspaceService, type Keychain } from './workspace/workspace-service.ts';

export type CoreOptions = {
  configDir: string;
  shell: 'electron' | 'browser' | 'cli';
  version: string;
  /** Lower scrypt cost for tests only; never set in the app. */
  kdfCost?: { N: number; r: number; p: number };
  /** The OS keychain, given by Electron's main where safeStorage has a real backend. */
  keychain?: Keychain | null;
  /** Parent folder for new workspaces (and the demo); defaults to ~/Portcullis. */
  workspacesDir?: string;
  /** Add opened workspaces to the recent list (the UI does; the CLI does not). */
  rememberRecent?: boolean;
  /** Prints the window's current page (a report's print view) to PDF: Electron's printToPDF, given by its
   * main. The browser shell has none: the user prints from the browser ("Save as PDF"). */
  printToPdf?: () => Promise<Buffer>;
};

export type Core = {
  options: CoreOptions;
  events: EventBus;
  jobs: JobRunner;
  recent: RecentWorkspaces;
  workspace: WorkspaceService;
  imports: ImportService;
  grids: GridService;
  targeting: TargetingService;
  graph: GraphService;
  cases: CasesService;
  exchange: ExchangeService;
  training: TrainingService;
  shutdown(): Promise<void>;
};

export function createCore(options: CoreOptions): Core {
  const events = new EventBus();
  const jobs = new JobRunner(events);
  const recent = new RecentWorkspaces(options.configDir);
  const workspace = new WorkspaceService({
    events,
    jobs,
    recent: options.rememberRecent === false ? null : recent,
    actor: currentActor(),
    kdfCost: options.kdfCost,
    keychain: options.keychain ?? null,
  });
  const uploads = new Uploads();
  const imports = new ImportService({ jobs, events, workspace, uploads, actor: currentActor() });
  const grids = new GridService({ jobs, workspace, actor: currentActor() });
  const targeting = new TargetingService({ jobs, events, workspace, actor: currentActor() });
  const graph = new GraphService({ jobs, events, workspace, actor: currentActor() });
  const cases = new CasesService({ events, workspace, actor: currentActor() });
  const exchange = new ExchangeService({ events, workspace, uploads, actor: currentActor() });
  const training = new TrainingService({ jobs, events, workspace, uploads, actor: currentActor() });
  return {
    options,
    events,
    jobs,
    recent,
    workspace,
    imports,
    grids,
    targeting,
    graph,
    cases,
    exchange,
    training,
    async shutdown() {
      await workspace.close();
      uploads.clear();
      cases.clear();
    },
  };
}

/** Until users and roles exist, the operating-system account is who did it. */
export function currentActor(): string {
  try {
    return `os:${userInfo().username}`;
  } catch {
    return 'os:unknown';
  }
}
