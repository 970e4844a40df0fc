// The list of recently opened workspaces, kept in the app's config folder (never inside a workspace, and
// holding only folder paths and display names).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RecentWorkspace } from '../../../shared/domain/workspace.ts';
import { writeFileAtomic } from './atomic-file.ts';

const MAX_RECENT = 12;

export class RecentWorkspaces {
  private readonly file: string;

  constructor(configDir: string) {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    this.file = join(configDir, 'recent-workspaces.json');
  }

  list(): RecentWorkspace[] {
    if (!existsSync(this.file)) return [];
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (r): r is RecentWorkspace =>
          typeof r === 'object' && r !== null && typeof (r as RecentWorkspace).dir === 'string' && typeof (r as RecentWorkspace).name === 'string',
      );
    } catch {
      return [];
    }
  }

  add(dir: string, name: string): void {
    const abs = resolve(dir);
    const rest = this.list().filter((r) => r.dir !== abs);
    this.save([{ dir: abs, name, lastOpenedAt: new Date().toISOString() }, ...rest].slice(0, MAX_RECENT));
  }

  forget(dir: string): RecentWorkspace[] {
    const abs = resolve(dir);
    const next = this.list().filter((r) => r.dir !== abs);
    this.save(next);
    return next;
  }

  private save(list: RecentWorkspace[]): void {
    writeFileAtomic(this.file, JSON.stringify(list, null, 2) + '\n');
  }
}
