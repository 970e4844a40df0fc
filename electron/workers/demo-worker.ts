// Job: create the demo workspace. A compact scenario (two weeks of arrivals at Bar, flights into
// Belgrade and Skopje), generated and written inside the new workspace before its key file exists.
import { runJob } from '../core/jobs/worker-kit.ts';
import { generateScenario } from '../core/generator/scenario.ts';
import type { ScenarioParams } from '../core/generator/model.ts';
import { writeScenario } from '../core/generator/workspace-writer.ts';
import { createWorkspaceFiles } from '../core/workspace/create.ts';
import type { KdfCost } from '../core/workspace/keyfile.ts';

export type DemoInput = { dir: string; name: string; passphrase: string; actor: string; kdfCost?: KdfCost; params: ScenarioParams };

runJob<DemoInput, { dir: string }>(async (input, ctx) => {
  const total = input.params.shipments + input.params.passengers;
  ctx.progress(0, total, 'generating');
  const ws = await createWorkspaceFiles(
    { dir: input.dir, name: input.name, passphrase: input.passphrase },
    { actor: input.actor, kdfCost: input.kdfCost },
    (db) => {
      const scenario = generateScenario(input.params);
      writeScenario(db, input.params, scenario.items, {
        actor: input.actor,
        isCancelled: ctx.isCancelled,
        onProgress: (c) => ctx.progress(c.shipments + c.passengers, total, 'generating'),
      });
    },
  );
  ws.db.close();
  ws.lock.release();
  return { dir: ws.dir };
});
