// One grid with everything around it: quick search, filters as chips, column chooser, saved views (with
// a default per grid), density, go to row, export of the whole view, the exact row count and the
// selection with its actions.
import {
  Button,
  ButtonGroup,
  Checkbox,
  Dialog,
  DialogBody,
  DialogFooter,
  FormGroup,
  HTMLSelect,
  InputGroup,
  Intent,
  Menu,
  MenuDivider,
  MenuItem,
  NumericInput,
  Popover,
  ProgressBar,
  Tag,
} from '@blueprintjs/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GRIDS,
  REVIEW_ENTITY,
  type GridColumn,
  type GridFilter,
  type GridId,
  type GridQuery,
  type GridRow,
  type GridView,
} from '../../../../shared/domain/grids.ts';
import { api } from '../../api.ts';
import { openInGraph } from '../graph/graph-route.ts';
import { AddToCaseDialog, type CaseItem } from '../cases/AddToCaseDialog.tsx';
import { DataGrid, type DataGridHandle, type Density, type SavedColumn } from '../../components/DataGrid.tsx';
import { ErrorCallout } from '../../components/ErrorCallout.tsx';
import { jobFraction, useJobs } from '../jobs/useJobs.ts';
import { describeFilter, FilterEditor } from './FilterEditor.tsx';

/** The tables each grid shows: a `data.changed` naming one of them refreshes it. */
const TABLES: Record<GridId, string[]> = {
  shipments: ['shipment', 'party', 'container', 'conveyance', 'review_mark'],
  containers: ['container', 'container_event', 'shipment', 'review_mark'],
  parties: ['party', 'shipment', 'review_mark'],
  passengers: ['passenger', 'conveyance', 'review_mark'],
  events: ['container_event', 'container', 'conveyance'],
  conveyances: ['conveyance', 'shipment', 'passenger'],
  bookings: ['booking', 'passenger'],
};
const LINK: Record<GridId, string> = {
  shipments: 'docNumber',
  containers: 'number',
  parties: 'name',
  passengers: 'surname',
  events: 'container',
  conveyances: 'name',
  bookings: 'recordLocator',
};

/** `onOpen`: where the grid's records have a view of their own. */
type Props = { grid: GridId; onOpen?: (row: GridRow) => void; exportDir: string };

export function GridPage({ grid, onOpen, exportDir }: Props) {
  const { t } = useTranslation();
  const columns = GRIDS[grid] as readonly GridColumn[];
  const gridRef = useRef<DataGridHandle>(null);
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [filters, setFilters] = useState<Record<string, GridFilter>>({});
  const [sort, setSort] = useState<GridQuery['sort']>(null);
  const [layout, setLayout] = useState<SavedColumn[] | null>(null);
  const [density, setDensity] = useState<Density>(() => (localStorage.getItem('portcullis.density') === 'comfortable' ? 'comfortable' : 'compact'));
  const [total, setTotal] = useState<number | null>(null);
  const [selected, setSelected] = useState(0);
  const [refresh, setRefresh] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [views, setViews] = useState<GridView[]>([]);
  const [viewName, setViewName] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportJob, setExportJob] = useState<string | null>(null);
  const [goTo, setGoTo] = useState<number | null>(null);
  const [toCase, setToCase] = useState<CaseItem[] | null>(null);
  const label = useCallback((c: string) => t(`grids.columns.${grid}.${c}`), [t, grid]);
  const jobs = useJobs();

  // Quick search waits for a pause in typing.
  useEffect(() => {
    const h = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  useEffect(() => api.on('data.changed', ({ tables }) => tables.some((x) => TABLES[grid].includes(x)) && setRefresh((n) => n + 1)), [grid]);

  const applyView = useCallback((v: GridView) => {
    setViewName(v.name);
    setFilters(v.state.filters);
    setSort(v.state.sort);
    setTyped(v.state.search);
    setSearch(v.state.search);
    setLayout(v.state.columns.length ? v.state.columns : null);
  }, []);
  const loadViews = useCallback(async () => {
    const list = await api.call('grids.views', { grid });
    setViews(list);
    return list;
  }, [grid]);
  useEffect(() => {
    void loadViews().then((list) => {
      const def = list.find((v) => v.isDefault);
      if (def) applyView(def);
    });
  }, [loadViews, applyView]);

  const context = useMemo(() => ({ filters, search }), [filters, search]);
  const setFilter = (id: string, f: GridFilter | null) => {
    setEditing(null);
    setFilters((old) => {
      const next = { ...old };
      if (f) next[id] = f;
      else delete next[id];
      return next;
    });
  };

  async function saveView(name: string, isDefault: boolean) {
    try {
      const state = { columns: gridRef.current?.columnState() ?? [], filters, sort, search };
      const v = await api.call('grids.saveView', { grid, name, isDefault, state });
      setViewName(v.name);
      await loadViews();
      setSaving(false);
    } catch (err) {
      setError(err);
    }
  }

  async function startExport(format: 'csv' | 'xlsx', out: string) {
    try {
      const visible = gridRef.current?.visibleColumns() ?? columns.map((c) => c.id);
      const { jobId } = await api.call('grids.export', {
        query: { grid, filters, search, sort },
        columns: visible.filter((id) => columns.some((c) => c.id === id)).map((id) => ({ id, label: label(id) })),
        format,
        out,
      });
      setExportJob(jobId);
      setExporting(false);
    } catch (err) {
      setError(err);
    }
  }
  const job = exportJob ? jobs.find((j) => j.id === exportJob) : undefined;
  const reviewEntity = grid in REVIEW_ENTITY ? REVIEW_ENTITY[grid as keyof typeof REVIEW_ENTITY] : null;
  async function review(marked: boolean) {
    const ids = gridRef.current?.selectedIds() ?? [];
    if (!reviewEntity || ids.length === 0) return;
    try {
      await api.call('review.mark', { entity: reviewEntity, ids, marked });
    } catch (err) {
      setError(err);
    }
  }

  /** The selected rows (the first 200) with the visible columns, as a table for a notebook entry. */
  function rowsSnapshot(): { body: unknown; text: string } {
    const visible = (gridRef.current?.visibleColumns() ?? columns.map((c) => c.id)).filter((id) => columns.some((c) => c.id === id));
    const rows = (gridRef.current?.selectedRows() ?? []).slice(0, 200);
    const cell = (type: string, value: unknown) => ({
      type,
      content: [{ type: 'paragraph', content: value === null || value === undefined || value === '' ? [] : [{ type: 'text', text: String(value) }] }],
    });
    const title = t('cases.add.snapshotRowsTitle', { count: rows.length, grid: t(`grids.tabs.${grid}`, { defaultValue: grid }) });
    const table = {
      type: 'table',
      content: [
        { type: 'tableRow', content: visible.map((id) => cell('tableHeader', label(id))) },
        ...rows.map((r) => ({ type: 'tableRow', content: visible.map((id) => cell('tableCell', r[id])) })),
      ],
    };
    const text = [title, ...rows.map((r) => visible.map((id) => r[id] ?? '').join(' · '))].join('\n');
    return { text, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: title }] }, table] } };
  }

  const chooser = (
    <Menu data-testid="column-chooser">
      {(gridRef.current?.columnState() ?? columns.map((c) => ({ id: c.id, hidden: c.hidden ?? false, pinned: null }))).map((c) => (
        <MenuItem
          key={c.id}
          shouldDismissPopover={false}
          text={
            <Checkbox
              className="pc-compact-check"
              checked={!c.hidden}
              label={label(c.id)}
              onChange={(e) => setLayout((gridRef.current?.columnState() ?? []).map((x) => (x.id === c.id ? { ...x, hidden: !e.currentTarget.checked } : x)))}
            />
          }
          labelElement={
            <ButtonGroup minimal>
              <Button
                small
                icon="drag-handle-vertical"
                active={c.pinned === 'left'}
                title={t('grids.pinLeft')}
                onClick={() =>
                  setLayout((gridRef.current?.columnState() ?? []).map((x) => (x.id === c.id ? { ...x, pinned: x.pinned === 'left' ? null : 'left' } : x)))
                }
              />
            </ButtonGroup>
          }
        />
      ))}
    </Menu>
  );

  return (
    <div className="pc-grid-page" data-grid={grid}>
      <div className="pc-grid-toolbar">
        <InputGroup
          className="pc-grid-search"
          leftIcon="search"
          placeholder={t('grids.search')}
          value={typed}
          onValueChange={setTyped}
          aria-label={t('grids.search')}
          data-testid="grid-search"
        />
        <Popover
          isOpen={editing === '__add'}
          onInteraction={(open) => setEditing(open ? '__add' : null)}
          content={
            <Menu>
              {columns.map((c) => (
                <MenuItem key={c.id} text={label(c.id)} onClick={() => setTimeout(() => setEditing(c.id), 0)} data-testid={`filter-column-${c.id}`} />
              ))}
            </Menu>
          }
        >
          <Button icon="filter" text={t('grids.addFilter')} data-testid="add-filter" />
        </Popover>
        {Object.entries(filters).map(([id, f]) => (
          <Tag
            key={id}
            large
            interactive
            onRemove={(e) => {
              e.stopPropagation();
              setFilter(id, null);
            }}
            onClick={() => setEditing(id)}
            data-testid={`filter-chip-${id}`}
          >
            {label(id)}: {describeFilter(f, t)}
          </Tag>
        ))}
        {editing && editing !== '__add' && (
          <Dialog isOpen title={`${t('grids.filterOn')} ${label(editing)}`} onClose={() => setEditing(null)} className="pc-filter-dialog">
            <DialogBody>
              <FilterEditor
                grid={grid}
                column={columns.find((c) => c.id === editing)!}
                value={filters[editing]}
                context={context}
                onApply={(f) => setFilter(editing, f)}
              />
            </DialogBody>
          </Dialog>
        )}
        <span className="pc-grow" />
        <Popover content={chooser} placement="bottom-end">
          <Button icon="column-layout" text={t('grids.columnsMenu')} data-testid="columns-button" />
        </Popover>
        <Popover
          placement="bottom-end"
          content={
            <Menu>
              {views.map((v) => (
                <MenuItem
                  key={v.id}
                  text={v.name}
                  label={v.isDefault ? t('grids.default') : undefined}
                  active={v.name === viewName}
                  onClick={() => applyView(v)}
                  data-testid={`view-${v.name}`}
                />
              ))}
              {views.length > 0 && <MenuDivider />}
              <MenuItem icon="floppy-disk" text={t('grids.saveView')} onClick={() => setSaving(true)} data-testid="save-view" />
              {viewName && (
                <MenuItem
                  icon="trash"
                  text={t('grids.deleteView', { name: viewName })}
                  onClick={() => {
                    const v = views.find((x) => x.name === viewName);
                    if (v) void api.call('grids.deleteView', { id: v.id }).then(loadViews);
                    setViewName(null);
                  }}
                />
              )}
            </Menu>
          }
        >
          <Button icon="bookmark" text={viewName ?? t('grids.views')} data-testid="views-button" />
        </Popover>
        <HTMLSelect
          value={density}
          aria-label={t('grids.density')}
          onChange={(e) => {
            const d = e.currentTarget.value as Density;
            localStorage.setItem('portcullis.density', d);
            setDensity(d);
          }}
        >
          <option value="compact">{t('grids.compact')}</option>
          <option value="comfortable">{t('grids.comfortable')}</option>
        </HTMLSelect>
        <NumericInput
          className="pc-goto"
          placeholder={t('grids.goTo')}
          min={1}
          max={total ? total : undefined}
          value={goTo ?? ''}
          buttonPosition="none"
          onValueChange={(n) => setGoTo(Number.isFinite(n) ? n : null)}
          onKeyDown={(e) => e.key === 'Enter' && goTo && gridRef.current?.jumpTo(goTo - 1)}
          aria-label={t('grids.goTo')}
          data-testid="goto-row"
        />
        <Button icon="export" text={t('grids.export')} onClick={() => setExporting(true)} data-testid="export-button" />
      </div>
      <ErrorCallout error={error} />
      <DataGrid
        ref={gridRef}
        grid={grid}
        label={label}
        filters={filters}
        search={search}
        sort={sort}
        onSortChange={setSort}
        columns={layout}
        density={density}
        refresh={refresh}
        onTotal={setTotal}
        onOpen={onOpen}
        onSelectionChange={setSelected}
        onError={setError}
        linkColumn={onOpen ? LINK[grid] : null}
      />
      <div className="pc-grid-status">
        <span data-testid="grid-total">{total === null ? t('grids.counting') : t('grids.rows', { count: total, formatted: total.toLocaleString() })}</span>
        {selected > 0 && (
          <>
            <span data-testid="grid-selected">{t('grids.selected', { count: selected })}</span>
            {onOpen && (
              <Button
                small
                minimal
                icon="document-open"
                text={t('grids.openSelected')}
                onClick={() => {
                  const id = gridRef.current?.selectedIds()[0];
                  if (id) onOpen({ id });
                }}
              />
            )}
            {reviewEntity && (
              <>
                <Button
                  small
                  minimal
                  icon="graph"
                  text={t('grids.openGraph')}
                  onClick={() => openInGraph((gridRef.current?.selectedIds() ?? []).slice(0, 200).map((id) => `${reviewEntity}:${id}`))}
                  data-testid="grid-open-graph"
                />
                <Button
                  small
                  minimal
                  icon="folder-shared-open"
                  text={t('cases.add.button')}
                  onClick={() => setToCase((gridRef.current?.selectedIds() ?? []).slice(0, 5000).map((id) => ({ kind: reviewEntity, refId: id })))}
                  data-testid="grid-add-to-case"
                />
                <Button small minimal icon="flag" text={t('grids.markReview')} onClick={() => void review(true)} data-testid="mark-review" />
                <Button small minimal icon="disable" text={t('grids.clearReview')} onClick={() => void review(false)} />
              </>
            )}
          </>
        )}
        {job && job.state === 'running' && (
          <span className="pc-row">
            {t('grids.exporting')}
            <ProgressBar className="pc-job-bar" value={jobFraction(job)} intent={Intent.PRIMARY} />
            <Button small minimal icon="cross" text={t('jobs.cancel')} onClick={() => void api.call('jobs.cancel', { id: job.id })} />
          </span>
        )}
        {job && job.state === 'done' && (
          <span data-testid="export-done">
            {t('grids.exported', { count: (job.result as { rows: number }).rows, file: (job.result as { file: string }).file })}
          </span>
        )}
        {job && job.state === 'failed' && <span className="pc-error-text">{job.error?.message}</span>}
      </div>
      {toCase && reviewEntity && (
        <AddToCaseDialog
          items={toCase}
          what={t(`cases.add.records.${reviewEntity}`, { count: toCase.length })}
          snapshot={{ label: t('cases.add.snapshotRows'), make: rowsSnapshot }}
          onClose={() => setToCase(null)}
        />
      )}
      {saving && <SaveViewDialog initial={viewName ?? ''} onSave={(n, d) => void saveView(n, d)} onClose={() => setSaving(false)} />}
      {exporting && <ExportDialog grid={grid} exportDir={exportDir} onExport={(f, out) => void startExport(f, out)} onClose={() => setExporting(false)} />}
    </div>
  );
}

function SaveViewDialog({ initial, onSave, onClose }: { initial: string; onSave(name: string, isDefault: boolean): void; onClose(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [isDefault, setIsDefault] = useState(false);
  return (
    <Dialog isOpen title={t('grids.saveView')} onClose={onClose}>
      <DialogBody>
        <FormGroup label={t('grids.viewName')} labelFor="view-name">
          <InputGroup id="view-name" autoFocus value={name} onValueChange={setName} />
        </FormGroup>
        <Checkbox checked={isDefault} label={t('grids.makeDefault')} onChange={(e) => setIsDefault(e.currentTarget.checked)} />
      </DialogBody>
      <DialogFooter
        actions={
          <Button
            intent="primary"
            text={t('grids.save')}
            disabled={!name.trim()}
            onClick={() => onSave(name.trim(), isDefault)}
            data-testid="save-view-confirm"
          />
        }
      />
    </Dialog>
  );
}

function ExportDialog({
  grid,
  exportDir,
  onExport,
  onClose,
}: {
  grid: GridId;
  exportDir: string;
  onExport(format: 'csv' | 'xlsx', out: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const [out, setOut] = useState(`${exportDir}/${grid}-${stamp}.csv`);
  return (
    <Dialog isOpen title={t('grids.exportTitle')} onClose={onClose}>
      <DialogBody>
        <p>{t('grids.exportExplain')}</p>
        <FormGroup label={t('grids.exportFormat')} inline>
          <HTMLSelect
            value={format}
            onChange={(e) => {
              const f = e.currentTarget.value as 'csv' | 'xlsx';
              setFormat(f);
              setOut((o) => o.replace(/\.(csv|xlsx)$/, `.${f}`));
            }}
          >
            <option value="csv">CSV</option>
            <option value="xlsx">XLSX</option>
          </HTMLSelect>
        </FormGroup>
        <FormGroup label={t('grids.exportFile')} labelFor="export-out">
          <InputGroup id="export-out" value={out} onValueChange={setOut} leftIcon="document" data-testid="export-out" />
        </FormGroup>
      </DialogBody>
      <DialogFooter
        actions={
          <Button intent="primary" text={t('grids.export')} disabled={!out.trim()} onClick={() => onExport(format, out.trim())} data-testid="export-confirm" />
        }
      />
    </Dialog>
  );
}
