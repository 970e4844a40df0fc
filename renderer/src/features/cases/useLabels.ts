// Names of records known only by "kind:id" (persons and companies of a seizure), read from the graph's
// description of its nodes; ids it cannot describe keep no name.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';

export function useLabels(ids: string[]): Record<string, string> {
  const [labels, setLabels] = useState<Record<string, string>>({});
  const wanted = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    const missing = wanted.split(',').filter((id) => id && !(id in labels));
    if (!missing.length) return;
    let live = true;
    api.call('graph.describe', { ids: missing }).then(
      (nodes) => {
        if (!live) return;
        const found = Object.fromEntries(nodes.map((n) => [n.record ? `${n.record.kind}:${n.record.id}` : n.id, n.label]));
        setLabels((old) => ({ ...old, ...found }));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // `labels` only filters what to ask for; asking again when it changes would loop.
  }, [wanted]);
  return labels;
}
