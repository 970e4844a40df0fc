// The handler table: one function per method of shared/api.ts. Its type makes a missing or mistyped
// handler a compile error. Handlers receive input already validated by the router.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSPHRASE } from './core/workspace/demo.ts';
import type { MethodName, MethodOutput, ParsedInput } from '../shared/api.ts';
import { validateIdentifier } from '../shared/domain/identifiers.ts';
import { printCondition } from '../shared/domain/rule-text.ts';
import { recentAudit, verifyAudit } from './core/audit/audit-log.ts';
import { currentActor, type Core } from './core/core.ts';
import { defaultWorkspacesDir } from './core/app/paths.ts';
import { containerRecord, partyRecord, passengerRecord, shipmentRecord } from './core/records/record-views.ts';
import { markForReview } from './core/records/review.ts';
import { printReport } from './core/app/reports.ts';
import { workspaceStats } from './core/records/stats.ts';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export function createHandlers(core: Core): Handlers {
  const ws = core.workspace;
  /** A write that other windows show: tell them which tables changed. */
  const changed = <T>(tables: string[], result: T): T => {
    core.events.emit('data.changed', { tables });
    return result;
  };
  return {
    'app.info': () => ({
      version: core.options.version,
      shell: core.options.shell === 'electron' ? 'electron' : 'browser',
      platform: process.platform,
      keychainAvailable: core.options.keychain != null,
      workspacesDir: core.options.workspacesDir ?? defaultWorkspacesDir(),
    }),
    'workspace.status': () => ws.status(),
    'workspace.recent': () => core.recent.list(),
    'workspace.forget': ({ dir }) => core.recent.forget(dir),
    'workspace.create': (input) => ws.create(input),
    'workspace.unlock': (input) => ws.unlock(input),
    'workspace.unlockWithKeychain': (input) => ws.unlockWithKeychain(input),
    'workspace.describe': (input) => ws.describe(input),
    'workspace.setKeychain': (input) => ws.setKeychain(input),
    'workspace.lock': () => ws.lock('user'),
    'workspace.close': async () => {
      await ws.close();
      return ws.status();
    },
    'workspace.changePassphrase': (input) => ws.changePassphrase(input),
    'workspace.settings': () => ws.settings(),
    'workspace.updateSettings': (input) => ws.updateSettings(input),
    'workspace.backup': ({ out }) => ws.backup(out),
    'workspace.restore': (input) => ws.restore(input),
    'workspace.openDemo': async () => ({
      ...(await ws.openDemo(join(core.options.workspacesDir ?? defaultWorkspacesDir(), 'demo'))),
      passphrase: DEMO_PASSPHRASE,
    }),
    'session.activity': () => ws.touch(),
    'records.stats': () => workspaceStats(ws.db()),
    'imports.upload': (input) => core.imports.upload(input),
    'imports.start': (input) => core.imports.start(input),
    'imports.history': ({ limit }) => core.imports.history(limit),
    'imports.preview': ({ uploadId }) => core.imports.preview(uploadId),
    'imports.discard': ({ uploadId }) => core.imports.discard(uploadId),
    'imports.saveSpec': (input) => core.imports.saveSpec(input),
    'imports.report': ({ importId }) => core.imports.report(importId),
    'imports.undo': ({ importId }) => core.imports.undo(importId),
    'grids.page': (q) => core.grids.page(q),
    'grids.count': (q) => core.grids.count(q),
    'grids.values': (q) => core.grids.values(q),
    'grids.views': ({ grid }) => core.grids.views(grid),
    'grids.saveView': (input) => core.grids.saveView(input),
    'grids.deleteView': ({ id }) => core.grids.deleteView(id),
    'grids.export': (input) => core.grids.export(input),
    'review.mark': (input) => {
      const r = markForReview(ws.db(), { ...input, actor: currentActor() });
      if (r.changed > 0) core.events.emit('data.changed', { tables: ['review_mark'] });
      return r;
    },
    'records.shipment': ({ id }) => shipmentRecord(ws.db(), id),
    'records.container': ({ id }) => containerRecord(ws.db(), id),
    'records.party': ({ id }) => partyRecord(ws.db(), id),
    'records.passenger': ({ id }) => passengerRecord(ws.db(), id),
    'targeting.profiles': () => core.targeting.profiles(),
    'targeting.profile': ({ id, version }) => core.targeting.store.profile(id, version),
    'targeting.history': ({ id }) => core.targeting.store.history(id),
    'targeting.saveProfile': (input) => changed(['target_profile'], core.targeting.saveProfile(input)),
    'targeting.parse': ({ text }) => core.targeting.parse(text),
    'targeting.print': ({ condition }) => ({ text: printCondition(condition) }),
    'targeting.testRule': (input) => core.targeting.testRule(input),
    'targeting.lists': () => core.targeting.store.lists(),
    'targeting.saveList': (input) => changed(['target_list'], core.targeting.store.saveList(input, currentActor())),
    'targeting.watchlists': () => core.targeting.store.watchlists(),
    'targeting.saveWatchlist': (input) => changed(['watchlist'], core.targeting.store.saveWatchlist(input, currentActor())),
    'targeting.entries': ({ watchlistId }) => core.targeting.store.entries(watchlistId),
    'targeting.addEntries': ({ watchlistId, entries }) => changed(['watchlist'], core.targeting.store.addEntries(watchlistId, entries, currentActor())),
    'targeting.removeEntry': ({ id }) => changed(['watchlist'], core.targeting.store.removeEntry(id, currentActor())),
    'targeting.controls': () => core.targeting.controls(),
    'targeting.saveControl': (input) => changed(['target_control'], core.targeting.store.saveControl(input, currentActor())),
    'targeting.settings': () => core.targeting.settings(),
    'targeting.updateSettings': (input) => changed(['target_setting'], core.targeting.updateSettings(input)),
    'targeting.score': (input) => core.targeting.score(input),
    'targeting.backtest': (input) => core.targeting.backtest(input),
    'targeting.queue': (q) => core.targeting.queue(q),
    'targeting.hit': ({ id }) => core.targeting.hit(id),
    'targeting.hitOf': ({ entity, entityId }) => core.targeting.hitOf(entity, entityId),
    'targeting.decide': (input) => core.targeting.decide(input),
    'targeting.outcome': (input) => core.targeting.outcome(input),
    'targeting.stats': () => core.targeting.stats(),
    'targeting.seizures': () => core.targeting.seizures(),
    'graph.expand': (input) => core.graph.expand(input),
    'graph.describe': ({ ids }) => core.graph.describe(ids),
    'graph.find': ({ text, limit }) => core.graph.find(text, limit),
    'graph.charts': () => core.graph.charts(),
    'graph.chart': ({ id }) => core.graph.chart(id),
    'graph.saveChart': (input) => core.graph.saveChart(input),
    'graph.deleteChart': ({ id }) => core.graph.deleteChart(id),
    'graph.findDuplicates': (input) => core.graph.findDuplicates(input),
    'graph.matches': (q) => core.graph.matches(q),
    'graph.decideMatch': ({ id, status }) => core.graph.decideMatch(id, status),
    'exchange.identity': () => core.exchange.identity(),
    'exchange.saveProfile': ({ profile }) => core.exchange.saveProfile(profile),
    'exchange.rotateKeys': () => core.exchange.rotateKeys(),
    'exchange.revokeOwnKey': ({ fingerprint, reason }) => core.exchange.revokeOwnKey(fingerprint, reason),
    'exchange.exportCard': () => core.exchange.exportCard(),
    'exchange.partners': () => core.exchange.partners(),
    'exchange.previewCard': ({ text }) => core.exchange.previewCard(text),
    'exchange.addCard': ({ text, fingerprint }) => core.exchange.addCard(text, fingerprint),
    'exchange.confirmKey': ({ keyId, fingerprint }) => core.exchange.confirmKey(keyId, fingerprint),
    'exchange.revokePartnerKey': ({ keyId, reason }) => core.exchange.revokePartnerKey(keyId, reason),
    'exchange.plan': ({ draft }) => core.exchange.plan(draft),
    'exchange.send': ({ draft, out }) => core.exchange.send(draft, out),
    'exchange.receive': (input) => core.exchange.receive(input),
    'exchange.packages': ({ direction }) => core.exchange.packages(direction),
    'exchange.preview': ({ id }) => core.exchange.preview(id),
    'exchange.merge': ({ id, choice }) => core.exchange.merge(id, choice),
    'exchange.dismiss': ({ id }) => core.exchange.dismiss(id),
    'exchange.sendMatchSet': ({ partnerId, categories, out }) => core.exchange.sendMatchSet(partnerId, categories, out),
    'exchange.matchReceived': ({ id }) => core.exchange.matchReceived(id),
    'training.author': ({ draft, out }) => core.training.author(draft, out),
    'training.exercises': () => core.training.exercises(),
    'training.answerKey': ({ id }) => core.training.answerKey(id),
    'training.receiveSubmission': (input) => core.training.receiveSubmission(input),
    'training.results': ({ id }) => core.training.results(id),
    'training.exportAnswers': ({ id, out }) => core.training.exportAnswers(id, out),
    'training.reveal': (input) => core.training.reveal(input),
    'training.truth': () => core.training.truth(),
    'training.openPack': (input) => core.training.openPack(input),
    'training.status': () => core.training.status(),
    'training.files': () => core.training.files(),
    'training.fileUpload': ({ name }) => core.training.fileUpload(name),
    'training.selections': () => core.training.selections(),
    'training.select': ({ selection }) => core.training.select(selection),
    'training.unselect': ({ id }) => core.training.unselect(id),
    'training.submit': ({ out }) => core.training.submit(out),
    'cases.list': (q) => core.cases.list(q),
    'cases.get': ({ id }) => core.cases.get(id),
    'cases.create': (input) => core.cases.create(input),
    'cases.update': (input) => core.cases.update(input),
    'cases.link': (input) => core.cases.link(input),
    'cases.unlink': (input) => core.cases.unlink(input),
    'cases.saveNote': (input) => core.cases.saveNote(input),
    'cases.noteHistory': ({ noteId }) => core.cases.noteHistory(noteId),
    'cases.attachChunk': (input) => core.cases.attachChunk(input),
    'cases.attachFinish': (input) => core.cases.attachFinish(input),
    'cases.attachment': ({ id }) => core.cases.attachment(id),
    'cases.custody': (input) => core.cases.custody(input),
    'cases.saveSeizure': (input) => core.cases.saveSeizure(input),
    'cases.saveTask': (input) => core.cases.saveTask(input),
    'cases.timeline': ({ caseId }) => core.cases.timeline(caseId),
    'cases.search': ({ text, limit }) => core.cases.search(text, limit),
    'reports.printToPdf': (input) => printReport(core, input),
    'audit.verify': () => verifyAudit(ws.db()),
    'audit.recent': ({ limit }) => recentAudit(ws.db(), limit),
    'jobs.list': () => core.jobs.list(),
    'jobs.cancel': ({ id }) => core.jobs.cancel(id),
    'identifiers.validate': ({ kind, value }) => validateIdentifier(kind, value),
  };
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
