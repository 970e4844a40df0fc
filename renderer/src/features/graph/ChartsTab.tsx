// The saved charts: open one exactly as saved, or delete it.
import { Button, HTMLTable, NonIdealState } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { useLoad } from '../../components/useLoad.ts';

export function ChartsTab({ onOpenChart }: { onOpenChart(id: number): void }) {
  const { t, i18n } = useTranslation();
  const charts = useLoad(() => api.call('graph.charts'), ['graph_chart']);
  if (charts.error) return <ErrorCallout error={charts.error} />;
  if (charts.data?.length === 0) return <NonIdealState icon="graph" title={t('graph.charts.none')} description={t('graph.charts.noneHelp')} />;
  return (
    <HTMLTable interactive striped className="pc-graph-charts" data-testid="graph-charts">
      <thead>
        <tr>
          <th>{t('graph.charts.name')}</th>
          <th>{t('graph.charts.size')}</th>
          <th>{t('graph.charts.updated')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {charts.data?.map((c) => (
          <tr key={c.id} onDoubleClick={() => onOpenChart(c.id)}>
            <td>
              <b>{c.name}</b>
              {c.description && <div className="pc-muted">{c.description}</div>}
            </td>
            <td>{t('graph.charts.sizeValue', { nodes: c.nodes, edges: c.edges })}</td>
            <td>
              {new Date(c.updatedAt).toLocaleString(i18n.language)} · {c.updatedBy}
            </td>
            <td>
              <Button small icon="folder-open" text={t('graph.charts.open')} onClick={() => onOpenChart(c.id)} data-testid={`graph-open-chart-${c.id}`} />{' '}
              <Button
                small
                minimal
                icon="trash"
                aria-label={t('graph.charts.delete')}
                onClick={() => {
                  if (window.confirm(t('graph.charts.confirmDelete', { name: c.name }))) void api.call('graph.deleteChart', { id: c.id }).then(charts.reload);
                }}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
