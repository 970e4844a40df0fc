// Analysis of the nodes and links on view, in a worker with progress and cancel: centralities (degree,
// betweenness exact or sampled with its error, PageRank) as a ranked table and for node size; Louvain
// communities for colour; the k shortest paths between two selected nodes; common neighbours of a set.
import { Button, Callout, H5, HTMLSelect, HTMLTable, NumericInput, ProgressBar } from '@blueprintjs/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphEdge, GraphNode } from '../../../../shared/domain/graph.ts';
import { analyse, indexGraph, type AnalysisRequest, type Measure, type Measures, type Running } from './analysis.ts';

type Props = {
  nodes: GraphNode[];
  edges: GraphEdge[];
  selected: string[];
  measures: Measures;
  sizeBy: string | null;
  colourBy: string | null;
  onMeasures(m: Measures): void;
  onSizeBy(m: string | null): void;
  onColourBy(m: string | null): void;
  onHighlight(ids: string[]): void;
  onSelect(id: string): void;
};

export function AnalysisPanel(p: Props) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ label: string; value: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [paths, setPaths] = useState<string[][] | null>(null);
  const [common, setCommon] = useState<string[] | null>(null);
  const [k, setK] = useState(3);
  const [rankBy, setRankBy] = useState<Measure>('betweenness');
  const running = useRef<Running | null>(null);
  const label = new Map(p.nodes.map((n) => [n.id, n.label]));

  async function run(task: AnalysisRequest['task'], extra: Record<string, unknown> = {}) {
    running.current?.cancel();
    setError(null);
    const ids = p.nodes.map((n) => n.id);
    const { index, request } = indexGraph(ids, p.edges);
    const req = { ...request, task, ...extra } as AnalysisRequest;
    if (task === 'paths') Object.assign(req, { from: index.get(p.selected[0]!)!, to: index.get(p.selected[1]!)!, k });
    if (task === 'common') Object.assign(req, { set: p.selected.map((id) => index.get(id)!).filter((i) => i !== undefined) });
    setProgress({ label: t('graph.analysis.starting'), value: 0 });
    const r = analyse(req, (what, done, total) =>
      setProgress({ label: t(`graph.analysis.progress.${what}`, { defaultValue: what }), value: total ? done / total : 0 }),
    );
    running.current = r;
    const reply = await r.promise;
    if (running.current === r) running.current = null;
    setProgress(null);
    const byId = (values: ArrayLike<number>) => new Map(ids.map((id, i) => [id, values[i]!]));
    switch (reply.kind) {
      case 'centrality':
        p.onMeasures({
          ...p.measures,
          values: { ...p.measures.values, degree: byId(reply.degree), betweenness: byId(reply.betweenness), pagerank: byId(reply.pagerank) },
          betweenness: { exact: reply.betweennessExact, samples: reply.betweennessSamples, error: reply.betweennessError },
        });
        if (!p.sizeBy) p.onSizeBy('betweenness');
        break;
      case 'communities':
        p.onMeasures({
          ...p.measures,
          values: { ...p.measures.values, community: byId(reply.communities) },
          communities: { count: reply.count, modularity: reply.modularity },
        });
        p.onColourBy('community');
        break;
      case 'paths': {
        const found = reply.paths.map((path) => path.map((i) => ids[i]!));
        setPaths(found);
        p.onHighlight(found.flat());
        break;
      }
      case 'common': {
        const found = reply.nodes.map((i) => ids[i]!);
        setCommon(found);
        p.onHighlight([...found, ...p.selected]);
        break;
      }
      case 'error':
        if (reply.message !== 'cancelled') setError(reply.message);
        break;
      default:
        break;
    }
  }

  const ranked = p.measures.values[rankBy]
    ? [...p.measures.values[rankBy]!]
        .filter(([id]) => label.has(id))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 50)
    : [];
  const b = p.measures.betweenness;
  const c = p.measures.communities;
  return (
    <div className="pc-graph-analysis" data-testid="graph-analysis">
      {progress && (
        <div className="pc-graph-progress">
          <span>{progress.label}</span>
          <ProgressBar value={progress.value || undefined} />
          <Button small text={t('graph.analysis.cancel')} onClick={() => running.current?.cancel()} />
        </div>
      )}
      {error && <Callout intent="danger">{error}</Callout>}
      <H5>{t('graph.analysis.measuresTitle')}</H5>
      <div className="pc-graph-expands">
        <Button
          icon="predictive-analysis"
          text={t('graph.analysis.centrality')}
          disabled={!p.nodes.length || !!progress}
          onClick={() => void run('centrality')}
          data-testid="graph-centrality"
        />
        <Button
          icon="layout-group-by"
          text={t('graph.analysis.communities')}
          disabled={!p.nodes.length || !!progress}
          onClick={() => void run('communities')}
          data-testid="graph-communities"
        />
      </div>
      {b && (
        <p className="pc-muted" data-testid="graph-betweenness-note">
          {b.exact ? t('graph.analysis.exact') : t('graph.analysis.sampled', { samples: b.samples, error: b.error.toPrecision(2) })}
        </p>
      )}
      {c && <p className="pc-muted">{t('graph.analysis.communitiesFound', { count: c.count, modularity: c.modularity.toFixed(3) })}</p>}
      <label className="pc-graph-row">
        {t('graph.analysis.sizeBy')}
        <HTMLSelect value={p.sizeBy ?? ''} onChange={(e) => p.onSizeBy(e.target.value || null)} data-testid="graph-size-by">
          <option value="">{t('graph.analysis.none')}</option>
          {(['degree', 'betweenness', 'pagerank'] as const).map((m) => (
            <option key={m} value={m} disabled={!p.measures.values[m]}>
              {t(`graph.analysis.measures.${m}`)}
            </option>
          ))}
        </HTMLSelect>
      </label>
      <label className="pc-graph-row">
        {t('graph.analysis.colourBy')}
        <HTMLSelect value={p.colourBy ?? ''} onChange={(e) => p.onColourBy(e.target.value || null)}>
          <option value="">{t('graph.analysis.typeColour')}</option>
          <option value="community" disabled={!p.measures.values.community}>
            {t('graph.analysis.measures.community')}
          </option>
        </HTMLSelect>
      </label>
      <H5>{t('graph.analysis.pathsTitle')}</H5>
      <div className="pc-graph-row">
        <NumericInput
          value={k}
          min={1}
          max={10}
          onValueChange={(v) => Number.isFinite(v) && setK(Math.max(1, Math.min(10, Math.floor(v))))}
          style={{ width: 48 }}
          buttonPosition="none"
          data-testid="graph-k"
        />
        <Button text={t('graph.analysis.paths')} disabled={p.selected.length !== 2 || !!progress} onClick={() => void run('paths')} data-testid="graph-paths" />
        <Button
          text={t('graph.analysis.common')}
          disabled={p.selected.length < 2 || !!progress}
          onClick={() => void run('common')}
          data-testid="graph-common"
        />
      </div>
      {p.selected.length !== 2 && !paths && <p className="pc-muted">{t('graph.analysis.pathsHint')}</p>}
      {paths && (
        <div data-testid="graph-path-list">
          {paths.length === 0 ? (
            <p>{t('graph.analysis.noPath')}</p>
          ) : (
            paths.map((path, i) => (
              <p key={i} className="pc-graph-path">
                <b>{t('graph.analysis.pathLength', { n: i + 1, hops: path.length - 1 })}</b> {path.map((id) => label.get(id) ?? id).join(' → ')}
              </p>
            ))
          )}
          <Button
            small
            minimal
            text={t('graph.analysis.clear')}
            onClick={() => {
              setPaths(null);
              p.onHighlight([]);
            }}
          />
        </div>
      )}
      {common && (
        <div data-testid="graph-common-list">
          <p>{t('graph.analysis.commonFound', { count: common.length })}</p>
          {common.slice(0, 30).map((id) => (
            <Button key={id} small minimal text={label.get(id) ?? id} onClick={() => p.onSelect(id)} />
          ))}
        </div>
      )}
      {ranked.length > 0 && (
        <>
          <H5>
            {t('graph.analysis.ranked')}{' '}
            <HTMLSelect minimal value={rankBy} onChange={(e) => setRankBy(e.target.value as Measure)}>
              {(['betweenness', 'pagerank', 'degree'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`graph.analysis.measures.${m}`)}
                </option>
              ))}
            </HTMLSelect>
          </H5>
          <HTMLTable compact interactive striped className="pc-graph-ranked" data-testid="graph-ranked">
            <tbody>
              {ranked.map(([id, v], i) => (
                <tr key={id} onClick={() => p.onSelect(id)}>
                  <td>{i + 1}</td>
                  <td>{label.get(id)}</td>
                  <td>{rankBy === 'degree' ? v : v.toPrecision(3)}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        </>
      )}
    </div>
  );
}
