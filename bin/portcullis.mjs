#!/usr/bin/env node
// `npx portcullis`: runs the CLI under Node.js >= 22.18 (which runs our TypeScript directly), fetching
// Node 22 from the npm registry first where the machine's Node is older.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureNode22 } from '../scripts/node22.mjs';

const cli = fileURLToPath(new URL('../electron/cli.ts', import.meta.url));
const bin = ensureNode22();
if (bin === null) {
  const { main } = await import(cli);
  await main(process.argv.slice(2));
} else {
  const r = spawnSync(`${bin}/node`, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
