// The link chart an analyst works in: find records to start from, expand nodes by link type (with the cap
// and collections), hide, pin, group, collapse and remove, undo and redo, filter by type, lane and time
// window, lay out, analyse, save and export. The chart survives leaving the section (kept in `session`).
import { Button, ButtonGroup, Callout, Divider, HTMLSelect, InputGroup, Intent, Menu, MenuItem, NumericInput, Popover, Tag, Tooltip } from '@blueprintjs/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chart, ChartContent, EdgeType, ExpandResult, GraphEdge, GraphNode } from '../../../../shared/domain/graph.ts';
import { api } from '../../api.ts';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { GraphView, type GraphViewHandle, type Positions } from '../../components/GraphView.tsx';
import { usePreferences } from '../../app/preferences.tsx';
import type { RecordRef } from '../records/record-ref.ts';
import { AddToCaseDialog, type CaseItem } from '../cases/AddToCaseDialog.tsx';
import { linkItemOf } from '../cases/refs.ts';
import { AnalysisPanel } from './AnalysisPanel.tsx';
import type { Measures } from './analysis.ts';
import {
  addResult,
  collapse,
  commit,
  EMPTY_CHART,
  group,
  hideNodes,
  redo,
  removeNodes,
  setFilters,
  setPinned,
  showAll,
  startHistory,
  undo,
  ungroup,
  visible,
  type ChartState,
  type Filters,
  type History,
} from './chart-model.ts';

import { FilterPanel } from './FilterPanel.tsx';
import { chartStyle, viewElements, type ViewStyle } from './graph-style.ts';
import { Inspector } from './Inspector.tsx';
import { LAYOUTS, runLayout, type LayoutName } from './layout.ts';
import { SaveChartDialog } from './SaveChartDialog.tsx';
import { TimelineStrip } from './TimelineStrip.tsx';

/** What stays when the user leaves the section and comes back. */
const session: { history: History; positions: Positions; chart: { id: number; name: string; description: string } | null; cap: number } = {
  history: startHistory(),
  positions: {},
  chart: null,
  cap: 50,
};

type Panel = 'inspector' | 'filters' | 'analysis';
/** From this many elements a chart is big: drawn with WebGL where a GPU does it, with cheaper settings otherwise. */
const WEBGL_FROM = 3000;

export function ChartWorkspace({
  start,
  chartId,
  seq,
  onOpen,
  onStarted,
}: {
  start: string[] | null;
  chartId: number | null;
  /** Navigations so far: a new one with the same records or chart is a new request. */
  seq: number;
  onOpen(ref: RecordRef): void;
  onStarted(): void;
}) {
  const { t } = useTranslation();
  const { theme } = usePreferences();
  const [history, setHistory] = useState<History>(session.history);
  const [chartMeta, setChartMeta] = useState(session.chart);
  const [cap, setCap] = useState(session.cap);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [layout, setLayout] = useState<LayoutName>('fcose');
  const [panel, setPanel] = useState<Panel>('inspector');
  const [measures, setMeasures] = useState<Measures>({ values: {} });
  const [sizeBy, setSizeBy] = useState<string | null>(null);
  const [colourBy, setColourBy] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<Set<string>>(new Set());
  const [edgeLabels, setEdgeLabels] = useState(false);
  const [webgl, setWebgl] = useState(false);
  const [timeline, setTimeline] = useState(true);
  const [saving, setSaving] = useState(false);
  const [toCase, setToCase] = useState<CaseItem[] | null>(null);
  const [findText, setFindText] = useState('');
  const [found, setFound] = useState<GraphNode[] | null>(null);
  const view = useRef<GraphViewHandle>(null);
  const state = history.present;

  const change = useCallback((f: (s: ChartState) => ChartState) => setHistory((h) => commit(h, f(h.present))), []);
  useEffect(() => {
    session.history = history;
    session.chart = chartMeta;
    session.cap = cap;
  }, [history, chartMeta, cap]);
  // Positions outlive the view (leaving the section and coming back).
  useEffect(() => {
    const v = view.current;
    if (v && Object.keys(session.positions).length) v.setPositions(session.positions);
    return () => {
      if (v) session.positions = v.positions();
    };
  }, []);

  const shown = useMemo(() => visible(state), [state]);
  const nodeById = useMemo(() => new Map([...state.nodes.values()].map((n) => [n.id, n])), [state.nodes]);

  const relayout = useCallback(
    async (name: LayoutName = layout, s: ChartState = history.present) => {
      const handle = view.current;
      if (!handle) return;
      const v = visible(s);
      setBusy(t('graph.layingOut'));
      const roots = selected.length ? selected : v.nodes.filter((n) => n.risk === 'red').map((n) => n.id);
      const run = runLayout(
        name,
        handle,
        { nodes: v.nodes, edges: v.edges, pinned: s.pinned, roots },
        (p, animate) => view.current?.setPositions(p, animate),
        (done, total) => setBusy(t('graph.refining', { done, total })),
      );
      await run.done;
      setBusy(null);
      view.current?.fit();
    },
    [layout, history.present, selected, t],
  );

  /** Expands nodes, optionally through some link types only, or opens a collection. */
  const expand = useCallback(
    async (ids: string[], edges?: EdgeType[]) => {
      setError(null);
      setBusy(t('graph.expanding'));
      try {
        let s = history.present;
        for (const id of ids) {
          const node = s.nodes.get(id);
          let r: ExpandResult;
          if (node?.collection) {
            // Opening a collection: the next page of what it folds.
            const shownAlready = [...s.edges.values()].filter(
              (e) => e.type === node.collection!.edge && (e.source === node.collection!.from || e.target === node.collection!.from),
            ).length;
            r = await api.call('graph.expand', { nodes: [node.collection.from], edges: [node.collection.edge], cap, offset: shownAlready });
            s = addResult(s, r, id);
          } else {
            r = await api.call('graph.expand', { nodes: [id], cap, ...(edges ? { edges } : {}) });
            s = addResult(s, r);
          }
          const left = r.folded.reduce((n, f) => n + f.count, 0);
          setNotice(left ? t('graph.capped', { shown: r.nodes.length - r.folded.length, left, cap }) : null);
        }
        const wasEmpty = history.present.nodes.size <= 1;
        setHistory((h) => commit(h, s));
        setBusy(null);
        // New nodes are placed round the node they came from; the whole chart is laid out only when it starts.
        if (wasEmpty) requestAnimationFrame(() => void relayout(layout, s));
      } catch (err) {
        setError(err);
        setBusy(null);
      }
    },
    [history.present, cap, t, relayout, layout],
  );

  // Started from elsewhere (a hit, a record, a grid selection): those nodes added, then each expanded.
  useEffect(() => {
    if (!start) return;
    void (async () => {
      try {
        const nodes = await api.call('graph.describe', { ids: start });
        const s = addResult(history.present, { nodes, edges: [], folded: [], ms: 0 });
        setHistory((h) => commit(h, s));
        onStarted();
        const r = await api.call('graph.expand', { nodes: nodes.map((n) => n.id), cap });
        const next = addResult(s, r);
        setHistory((h) => commit(h, next));
        requestAnimationFrame(() => {
          view.current?.select(nodes.map((n) => n.id));
          void relayout(layout, next);
        });
      } catch (err) {
        setError(err);
      }
    })();
  }, [start, seq]);

  // A saved chart opened: exactly as saved (nodes, links, positions, styles, filters, viewport).
  useEffect(() => {
    if (!chartId) return;
    void (async () => {
      try {
        const chart = await api.call('graph.chart', { id: chartId });
        loadChart(chart);
        onStarted();
      } catch (err) {
        setError(err);
      }
    })();
  }, [chartId, seq]);

  function loadChart(chart: Chart) {
    const c = chart.content;
    const s: ChartState = {
      nodes: new Map((c.nodes as unknown as GraphNode[]).map((n) => [n.id, n])),
      edges: new Map((c.edges as unknown as GraphEdge[]).map((e) => [e.id, e])),
      hidden: new Set(c.hidden),
      pinned: new Set(c.pinned),
      groups: c.groups,
      filters: { ...EMPTY_CHART.filters, ...(c.filters as Partial<Filters>) },
    };
    setHistory(startHistory(s));
    setChartMeta({ id: chart.id, name: chart.name, description: chart.description });
    setSizeBy(c.style.sizeBy);
    setColourBy(c.style.colourBy);
    setLayout((LAYOUTS as readonly string[]).includes(c.style.layout) ? (c.style.layout as LayoutName) : 'fcose');
    const measured = (c.style as { measures?: Record<string, Record<string, number>> }).measures;
    if (measured) setMeasures({ values: Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, new Map(Object.entries(v))])) });
    requestAnimationFrame(() => {
      view.current?.setPositions(c.positions);
      if (c.viewport) view.current?.setViewport(c.viewport);
      else view.current?.fit();
    });
  }

  function content(): ChartContent {
    const keep = (m: Map<string, number> | undefined) => (m ? Object.fromEntries(m) : undefined);
    const measured: Record<string, Record<string, number>> = {};
    for (const k of [sizeBy, colourBy]) {
      const m = k ? keep(measures.values[k as keyof Measures['values']]) : undefined;
      if (k && m) measured[k] = m;
    }
    return {
      nodes: [...state.nodes.values()] as unknown as ChartContent['nodes'],
      edges: [...state.edges.values()] as unknown as ChartContent['edges'],
      positions: view.current?.positions() ?? {},
      pinned: [...state.pinned],
      hidden: [...state.hidden],
      groups: state.groups.map((g) => ({ ...g, members: [...g.members] })),
      style: { sizeBy, colourBy, layout, measures: measured },
      filters: state.filters as unknown as Record<string, unknown>,
      viewport: view.current?.viewport() ?? null,
    };
  }

  async function save(name: string, description: string, asNew: boolean) {
    const chart = await api.call('graph.saveChart', { id: asNew ? null : (chartMeta?.id ?? null), name, description, content: content() });
    setChartMeta({ id: chart.id, name: chart.name, description: chart.description });
    setNotice(t('graph.saved', { name: chart.name }));
    return chart;
  }

  function download(name: string, href: string) {
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    a.click();
  }
  const fileBase = (chartMeta?.name ?? 'chart').replace(/[^\p{L}\p{N}-]+/gu, '-');
  const background = theme === 'dark' ? '#1c2127' : '#ffffff';
  const exportPng = () => download(`${fileBase}.png`, view.current?.png(background) ?? '');
  const exportSvg = () => {
    const url = URL.createObjectURL(new Blob([view.current?.svg(background) ?? ''], { type: 'image/svg+xml' }));
    download(`${fileBase}.svg`, url);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  async function find() {
    if (!findText.trim()) return;
    setError(null);
    try {
      setFound(await api.call('graph.find', { text: findText, limit: 30 }));
    } catch (err) {
      setError(err);
    }
  }
  /** Adds a found record with its links to what is already on the chart; with Ctrl or Shift it joins the selection. */
  async function addFound(n: GraphNode, additive: boolean) {
    setFound(null);
    setFindText('');
    try {
      const onChart = [...history.present.nodes.keys()].filter((id) => id !== n.id && !id.startsWith('collection:'));
      const links = onChart.length ? await api.call('graph.expand', { nodes: [n.id], to: onChart }) : { nodes: [], edges: [], folded: [], ms: 0 };
      change((s) => addResult(s, { ...links, nodes: [n] }));
      const next = additive ? [...new Set([...selected, n.id])] : [n.id];
      requestAnimationFrame(() => {
        view.current?.select(next);
        setSelected(next);
        view.current?.fit(next);
      });
    } catch (err) {
      setError(err);
    }
  }

  const style = useMemo<ViewStyle>(() => {
    const scaled = (m: Map<string, number> | undefined) => {
      if (!m) return null;
      let max = 0;
      for (const v of m.values()) max = Math.max(max, v);
      return new Map([...m].map(([k, v]) => [k, max > 0 ? Math.sqrt(v / max) : 0]));
    };
    return {
      size: sizeBy ? scaled(measures.values[sizeBy as keyof Measures['values']]) : null,
      community: colourBy === 'community' ? (measures.values.community ?? null) : null,
      highlight,
      edgeLabels,
    };
  }, [sizeBy, colourBy, measures, highlight, edgeLabels]);

  const elements = useMemo(() => viewElements(shown.nodes, shown.edges, state.groups, state.pinned, style), [shown, state.groups, state.pinned, style]);
  const big = elements.nodes.length + elements.edges.length >= WEBGL_FROM;
  const stylesheet = useMemo(() => chartStyle(theme === 'dark', big), [theme, big]);

  const selectedNodes = selected.map((id) => nodeById.get(id)).filter((n): n is GraphNode => !!n);
  const groupOf = state.groups.find((g) => selected.length > 0 && selected.every((id) => g.members.includes(id)));
  const hotkeys = (ev: React.KeyboardEvent) => {
    if ((ev.target as HTMLElement).tagName === 'INPUT') return;
    const mod = ev.ctrlKey || ev.metaKey;
    if (mod && ev.key.toLowerCase() === 'z' && !ev.shiftKey) {
      ev.preventDefault();
      setHistory(undo);
    } else if (mod && (ev.key.toLowerCase() === 'y' || (ev.key.toLowerCase() === 'z' && ev.shiftKey))) {
      ev.preventDefault();
      setHistory(redo);
    } else if (ev.key === 'Delete' && selected.length) {
      change((s) => removeNodes(s, selected));
    }
  };

  return (
    <div className="pc-graph" onKeyDown={hotkeys} tabIndex={-1}>
      <div className="pc-graph-toolbar" role="toolbar" aria-label={t('graph.toolbar')}>
        <Popover
          isOpen={found !== null}
          onClose={() => setFound(null)}
          placement="bottom-start"
          autoFocus={false}
          enforceFocus={false}
          content={
            <Menu className="pc-graph-found" data-testid="graph-found">
              {found?.length === 0 && <MenuItem disabled text={t('graph.nothingFound')} />}
              {found?.map((n) => (
                <MenuItem
                  key={n.id}
                  text={n.label}
                  label={t(`graph.types.${n.type}`)}
                  onClick={(e) => void addFound(n, e.ctrlKey || e.metaKey || e.shiftKey)}
                  title={n.detail}
                  data-testid="graph-found-item"
                  data-node={n.id}
                />
              ))}
            </Menu>
          }
        >
          <InputGroup
            leftIcon="search"
            placeholder={t('graph.findPlaceholder')}
            value={findText}
            onChange={(e) => setFindText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void find()}
            data-testid="graph-find"
            style={{ width: 260 }}
          />
        </Popover>
        <Divider />
        <ButtonGroup>
          <Tooltip content={t('graph.undo')}>
            <Button icon="undo" disabled={!history.past.length} onClick={() => setHistory(undo)} aria-label={t('graph.undo')} data-testid="graph-undo" />
          </Tooltip>
          <Tooltip content={t('graph.redo')}>
            <Button icon="redo" disabled={!history.future.length} onClick={() => setHistory(redo)} aria-label={t('graph.redo')} data-testid="graph-redo" />
          </Tooltip>
        </ButtonGroup>
        <ButtonGroup>
          <Button
            icon="expand-all"
            text={t('graph.expand')}
            disabled={!selected.length || !!busy}
            onClick={() => void expand(selected)}
            data-testid="graph-expand"
          />
          <Button icon="collapse-all" text={t('graph.collapse')} disabled={selected.length !== 1} onClick={() => change((s) => collapse(s, selected[0]!))} />
          <Button icon="eye-off" text={t('graph.hide')} disabled={!selected.length} onClick={() => change((s) => hideNodes(s, selected))} />
          <Button icon="eye-open" text={t('graph.showAll', { count: state.hidden.size })} disabled={!state.hidden.size} onClick={() => change(showAll)} />
          <Button
            icon="pin"
            text={selected.length && selected.every((id) => state.pinned.has(id)) ? t('graph.unpin') : t('graph.pin')}
            disabled={!selected.length}
            onClick={() => change((s) => setPinned(s, selected, !selected.every((id) => s.pinned.has(id))))}
          />
          <Button
            icon={groupOf ? 'ungroup-objects' : 'group-objects'}
            text={groupOf ? t('graph.ungroup') : t('graph.group')}
            disabled={groupOf ? false : selected.length < 2}
            onClick={() => change((s) => (groupOf ? ungroup(s, groupOf.id) : group(s, selected, t('graph.groupLabel', { count: selected.length }))))}
          />
          <Button icon="trash" text={t('graph.remove')} disabled={!selected.length} onClick={() => change((s) => removeNodes(s, selected))} />
        </ButtonGroup>
        <Divider />
        <label className="pc-graph-cap">
          {t('graph.cap')}
          <NumericInput
            value={cap}
            min={1}
            max={5000}
            stepSize={10}
            onValueChange={(v) => Number.isFinite(v) && v >= 1 && setCap(Math.floor(v))}
            buttonPosition="none"
            style={{ width: 64 }}
            data-testid="graph-cap"
          />
        </label>
        <HTMLSelect value={layout} onChange={(e) => setLayout(e.target.value as LayoutName)} aria-label={t('graph.layout')} data-testid="graph-layout">
          {LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {t(`graph.layouts.${l}`)}
            </option>
          ))}
        </HTMLSelect>
        <Button
          icon="layout-auto"
          text={t('graph.runLayout')}
          disabled={!state.nodes.size || !!busy}
          onClick={() => void relayout()}
          data-testid="graph-run-layout"
        />
        <Button icon="zoom-to-fit" aria-label={t('graph.fit')} onClick={() => view.current?.fit()} />
        <span className="pc-spacer" />
        <Button icon="floppy-disk" text={t('graph.save')} disabled={!state.nodes.size} onClick={() => setSaving(true)} data-testid="graph-save" />
        <Button
          icon="folder-shared-open"
          text={t('cases.add.button')}
          title={t('cases.add.graphHelp')}
          disabled={!chartMeta && !selectedNodes.some((n) => n.record)}
          onClick={() =>
            setToCase([
              ...selectedNodes.map(linkItemOf).filter((x): x is CaseItem => !!x),
              ...(chartMeta ? [{ kind: 'chart' as const, refId: chartMeta.id }] : []),
            ])
          }
          data-testid="graph-add-to-case"
        />
        <Popover
          content={
            <Menu>
              <MenuItem icon="media" text={t('graph.exportPng')} onClick={exportPng} data-testid="graph-export-png" />
              <MenuItem icon="code" text={t('graph.exportSvg')} onClick={exportSvg} data-testid="graph-export-svg" />
            </Menu>
          }
        >
          <Button icon="export" text={t('graph.export')} disabled={!state.nodes.size} data-testid="graph-export" />
        </Popover>
        <Button
          icon="eraser"
          text={t('graph.new')}
          onClick={() => {
            setHistory((h) => commit(h, EMPTY_CHART));
            setChartMeta(null);
            setMeasures({ values: {} });
            setHighlight(new Set());
          }}
        />
      </div>
      <div className="pc-graph-status">
        <span data-testid="graph-counts">{t('graph.counts', { nodes: shown.nodes.length, edges: shown.edges.length, total: state.nodes.size })}</span>
        {chartMeta && (
          <Tag minimal icon="document">
            {chartMeta.name}
          </Tag>
        )}
        {webgl && (
          <Tag minimal intent={Intent.PRIMARY} data-testid="graph-webgl">
            {t('graph.webgl')}
          </Tag>
        )}
        {busy && (
          <Tag minimal icon="time" data-testid="graph-busy">
            {busy}
          </Tag>
        )}
        {notice && (
          <Tag minimal intent={Intent.WARNING} onRemove={() => setNotice(null)} data-testid="graph-notice">
            {notice}
          </Tag>
        )}
      </div>
      <ErrorCallout error={error} />
      <div className="pc-graph-body">
        <div className="pc-graph-stage">
          {state.nodes.size === 0 && (
            <Callout className="pc-graph-empty" icon="graph" title={t('graph.emptyTitle')}>
              {t('graph.emptyBody')}
            </Callout>
          )}
          <GraphView
            ref={view}
            nodes={elements.nodes}
            parents={elements.parents}
            edges={elements.edges}
            stylesheet={stylesheet}
            webglFrom={WEBGL_FROM}
            onSelect={setSelected}
            onOpen={(id) => void expand([id])}
            onMoved={(p) => Object.assign(session.positions, p)}
            onRenderer={setWebgl}
            testId="graph-canvas"
          />
          {timeline && (
            <TimelineStrip
              state={state}
              visibleEdges={shown.edges}
              onWindow={(w) => change((s) => setFilters(s, { window: w }))}
              onSelect={(ids) => setHighlight(new Set(ids))}
            />
          )}
        </div>
        <aside className="pc-graph-side">
          <ButtonGroup fill minimal>
            {(['inspector', 'filters', 'analysis'] as const).map((p) => (
              <Button key={p} active={panel === p} text={t(`graph.panels.${p}`)} onClick={() => setPanel(p)} data-testid={`graph-panel-${p}`} />
            ))}
          </ButtonGroup>
          {panel === 'inspector' && (
            <Inspector
              nodes={selectedNodes}
              state={state}
              measures={measures}
              onExpand={(edges) => void expand(selected, edges)}
              onOpen={onOpen}
              busy={!!busy}
            />
          )}
          {panel === 'filters' && (
            <FilterPanel
              state={state}
              timeline={timeline}
              edgeLabels={edgeLabels}
              onTimeline={setTimeline}
              onEdgeLabels={setEdgeLabels}
              onChange={(f) => change((s) => setFilters(s, f))}
            />
          )}
          {panel === 'analysis' && (
            <AnalysisPanel
              nodes={shown.nodes}
              edges={shown.edges}
              selected={selected}
              measures={measures}
              sizeBy={sizeBy}
              colourBy={colourBy}
              onMeasures={setMeasures}
              onSizeBy={setSizeBy}
              onColourBy={setColourBy}
              onHighlight={(ids) => setHighlight(new Set(ids))}
              onSelect={(id) => {
                view.current?.select([id]);
                view.current?.fit([id]);
              }}
            />
          )}
        </aside>
      </div>
      {toCase && (
        <AddToCaseDialog
          items={toCase}
          what={t('cases.add.graphWhat', { count: toCase.length })}
          snapshot={{
            label: t('cases.add.snapshotChart'),
            make: () => {
              const title = t('cases.add.snapshotChartTitle', {
                name: chartMeta?.name ?? t('graph.tabs.chart'),
                nodes: shown.nodes.length,
                edges: shown.edges.length,
              });
              const src = view.current?.jpeg(background, 1600) ?? '';
              return {
                text: title,
                body: {
                  type: 'doc',
                  content: [
                    { type: 'paragraph', content: [{ type: 'text', text: title }] },
                    { type: 'image', attrs: { src, alt: title, title } },
                  ],
                },
              };
            },
          }}
          onClose={() => setToCase(null)}
        />
      )}
      {saving && <SaveChartDialog initial={chartMeta} onClose={() => setSaving(false)} onSave={save} />}
    </div>
  );
}
