// The workspace state (closed / locked / unlocked), kept current by the core's events.
import { useEffect, useState } from 'react';
import type { WorkspaceStatus } from '../../../shared/domain/workspace.ts';
import { api } from '../api.ts';

export function useWorkspaceStatus(): WorkspaceStatus | undefined {
  const [status, setStatus] = useState<WorkspaceStatus>();
  useEffect(() => {
    let live = true;
    const off = api.on('workspace.changed', (s) => setStatus(s));
    void api.call('workspace.status').then((s) => live && setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}
