// Graph: the link chart (kept while the user looks at saved charts or duplicates), the saved charts, and
// the review of candidate duplicate parties. Other sections open it on their records (openInGraph).
import { H2, Tab, Tabs } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import type { RecordRef } from '../records/record-ref.ts';
import { ChartsTab } from './ChartsTab.tsx';
import { ChartWorkspace } from './ChartWorkspace.tsx';
import { DuplicatesTab } from './DuplicatesTab.tsx';
import { GRAPH_TABS, useGraphRoute } from './graph-route.ts';
import './graph.css';

export function GraphPage({ onOpen }: { onOpen(ref: RecordRef): void }) {
  const { t } = useTranslation();
  const [route, go] = useGraphRoute();
  return (
    <div className="pc-page pc-page-full pc-graph-page" data-section="graph">
      <div className="pc-graph-head">
        <H2>{t('sections.graph.title')}</H2>
        <Tabs id="graph" selectedTabId={route.tab} onChange={(tab) => go(tab === 'chart' ? '#/graph' : `#/graph/${tab}`)}>
          {GRAPH_TABS.map((tab) => (
            <Tab key={tab} id={tab} title={t(`graph.tabs.${tab}`)} data-testid={`graph-tab-${tab}`} />
          ))}
        </Tabs>
      </div>
      <div className="pc-graph-tab" hidden={route.tab !== 'chart'}>
        <ChartWorkspace
          start={route.start}
          chartId={route.chartId}
          seq={route.seq}
          onOpen={onOpen}
          onStarted={() => history.replaceState(null, '', '#/graph')}
        />
      </div>
      {route.tab === 'charts' && <ChartsTab onOpenChart={(id) => go(`#/graph/chart/${id}`)} />}
      {route.tab === 'duplicates' && <DuplicatesTab onOpen={onOpen} />}
    </div>
  );
}
