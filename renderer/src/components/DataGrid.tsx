// The one component that owns ag-grid. Rows come from the core block by block (ag-grid's infinite row
// model over `grids.page`): nothing loads a whole table into the page. Sorting is the header's; filters,
// quick search, column state and density come from the feature that configures it.
import 'ag-grid-community/styles/ag-grid.css';
import 'ag-grid-community/styles/ag-theme-balham.css';
import {
  AllCommunityModule,
  ModuleRegistry,
  type CellKeyDownEvent,
  type ColDef,
  type ColumnState,
  type GridApi,
  type GridReadyEvent,
  type ICellRendererParams,
  type IDatasource,
  type IGetRowsParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GRIDS, type GridColumn, type GridFilter, type GridId, type GridQuery, type GridRow } from '../../../shared/domain/grids.ts';
import { api, ApiError } from '../api.ts';
import { usePreferences } from '../app/preferences.tsx';

ModuleRegistry.registerModules([AllCommunityModule]);

export type Density = 'compact' | 'comfortable';
export type SavedColumn = { id: string; width?: number; hidden?: boolean; pinned?: 'left' | 'right' | null };

export type DataGridHandle = {
  /** Scrolls so that row `index` (0-based) is at the top, and focuses it. */
  jumpTo(index: number): void;
  /** Columns as the user arranged them (order, width, hidden, pinned). */
  columnState(): SavedColumn[];
  /** Visible columns in their order. */
  visibleColumns(): string[];
  selectedIds(): number[];
  /** The selected rows as loaded (for a snapshot of them). */
  selectedRows(): GridRow[];
};

export type DataGridProps = {
  grid: GridId;
  label(column: string): string;
  filters: Record<string, GridFilter>;
  search: string;
  sort: GridQuery['sort'];
  onSortChange(sort: GridQuery['sort']): void;
  /** A saved arrangement to apply (when it changes). */
  columns: SavedColumn[] | null;
  density: Density;
  /** Bumped when the data changed: the cache is dropped and the visible blocks read again. */
  refresh: number;
  onTotal(total: number | null): void;
  onOpen?: ((row: GridRow) => void) | undefined;
  onSelectionChange(count: number): void;
  onError(err: unknown): void;
  /** The column whose values are links that open the row (none where rows have no view). */
  linkColumn: string | null;
};

const BLOCK = 100;

function formatCell(col: GridColumn, value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  if (col.type === 'number' && typeof value === 'number') return value.toLocaleString(locale, { maximumFractionDigits: 3 });
  return String(value);
}

function FlagCell(p: ICellRendererParams<GridRow>) {
  if (p.value === null || p.value === undefined) return null;
  const { labels, validity } = p.colDef?.cellRendererParams as { labels: [string, string]; validity: boolean };
  const yes = p.value === 1;
  // A failed check digit is an anomaly; for other flags (crew, marked for review) "yes" is what stands out.
  const className = validity ? (yes ? 'pc-flag-ok' : 'pc-flag-bad') : yes ? 'pc-flag-yes' : 'pc-flag-ok';
  return <span className={className}>{labels[yes ? 0 : 1]}</span>;
}

export const DataGrid = forwardRef<DataGridHandle, DataGridProps>(function DataGrid(props, ref) {
  const { grid, label, filters, search, sort, onSortChange, columns, density, refresh, onTotal, onOpen, onSelectionChange, onError, linkColumn } = props;
  const { theme, language } = usePreferences();
  const { t } = useTranslation();
  const gridApi = useRef<GridApi<GridRow> | null>(null);
  const locale = language === 'hbs' ? 'hr' : 'en';
  const callbacks = useRef({ onTotal, onSortChange, onError });
  callbacks.current = { onTotal, onSortChange, onError };

  // A row with an identifier whose check digit fails stands out, whether or not its column is shown.
  const validityColumns = useMemo(
    () => (GRIDS[grid] as readonly GridColumn[]).filter((c) => c.type === 'flag' && c.id.endsWith('Valid')).map((c) => c.id),
    [grid],
  );
  const columnDefs = useMemo<ColDef<GridRow>[]>(
    () =>
      (GRIDS[grid] as readonly GridColumn[]).map((c) => ({
        colId: c.id,
        field: c.id,
        headerName: label(c.id),
        width: c.width,
        hide: c.hidden ?? false,
        sortable: c.sortable ?? false,
        resizable: true,
        type: c.type === 'number' ? 'rightAligned' : undefined,
        valueFormatter: c.type === 'flag' ? undefined : (p) => formatCell(c, p.value, locale),
        cellRenderer: c.type === 'flag' ? FlagCell : undefined,
        cellRendererParams:
          c.type === 'flag'
            ? {
                validity: c.id.endsWith('Valid'),
                labels: c.id.endsWith('Valid') ? [t('grids.flag.valid'), t('grids.flag.invalid')] : [t('grids.flag.yes'), t('grids.flag.no')],
              }
            : undefined,
        cellClass: c.id === linkColumn ? 'pc-grid-link' : c.type === 'text' && /number|docNumber/i.test(c.id) ? 'pc-mono' : undefined,
      })),
    [grid, label, locale, linkColumn, t],
  );

  const datasource = useMemo<IDatasource>(() => {
    // A large table's count comes after its first rows, once per datasource, from a background count.
    let counting = false;
    let live = true;
    const countInBackground = () => {
      if (counting) return;
      counting = true;
      api
        .call('grids.count', { grid, filters, search })
        .then(({ count }) => {
          if (!live) return;
          gridApi.current?.setRowCount(count, true);
          callbacks.current.onTotal(count);
        })
        .catch((err: unknown) => {
          // A count replaced by a newer one is stopped on purpose.
          if (live && !(err instanceof ApiError && err.code === 'JOB_CANCELLED')) callbacks.current.onError(err);
        });
    };
    return {
      getRows(params: IGetRowsParams) {
        const s = params.sortModel[0];
        const sortNow: GridQuery['sort'] = s ? { column: s.colId, dir: s.sort } : null;
        const limit = params.endRow - params.startRow;
        api
          .call('grids.page', { grid, filters, search, sort: sortNow, start: params.startRow, limit })
          .then((page) => {
            if (page.total === null) {
              // Unknown yet: a short block is the end; otherwise the grid may scroll on.
              params.successCallback(page.rows, page.rows.length < limit ? params.startRow + page.rows.length : undefined);
              countInBackground();
              return;
            }
            params.successCallback(page.rows, page.total);
            callbacks.current.onTotal(page.total);
          })
          .catch((err: unknown) => {
            params.failCallback();
            callbacks.current.onError(err);
          });
      },
      destroy() {
        live = false;
      },
    };
    // `refresh` is a dependency on purpose: a new datasource drops every cached block.
  }, [grid, filters, search, refresh]);

  useEffect(() => {
    callbacks.current.onTotal(null);
  }, [datasource]);

  // A saved arrangement: order, width, visibility and pinning, then the view's sort.
  useEffect(() => {
    const a = gridApi.current;
    if (!a || !columns) return;
    const state: ColumnState[] = columns.map((c) => ({ colId: c.id, width: c.width, hide: c.hidden ?? false, pinned: c.pinned ?? null }));
    a.applyColumnState({ state, applyOrder: true });
  }, [columns]);
  useEffect(() => {
    const a = gridApi.current;
    if (!a) return;
    const current = a.getColumnState().find((c) => c.sort);
    if ((current?.colId ?? null) === (sort?.column ?? null) && (current?.sort ?? null) === (sort?.dir ?? null)) return;
    a.applyColumnState({ state: sort ? [{ colId: sort.column, sort: sort.dir }] : [], defaultState: { sort: null } });
  }, [sort]);

  useImperativeHandle(
    ref,
    () => ({
      jumpTo(index) {
        const a = gridApi.current;
        if (!a) return;
        a.ensureIndexVisible(index, 'top');
        const first = a.getAllDisplayedColumns()[0];
        if (first) a.setFocusedCell(index, first);
      },
      columnState() {
        const known = new Set((GRIDS[grid] as readonly GridColumn[]).map((c) => c.id));
        return (gridApi.current?.getColumnState() ?? [])
          .filter((c) => known.has(c.colId))
          .map((c) => ({
            id: c.colId,
            ...(c.width ? { width: Math.round(c.width) } : {}),
            hidden: c.hide ?? false,
            pinned: (c.pinned as 'left' | 'right' | null) ?? null,
          }));
      },
      visibleColumns() {
        const known = new Set((GRIDS[grid] as readonly GridColumn[]).map((c) => c.id));
        return (gridApi.current?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter((id) => known.has(id));
      },
      selectedIds() {
        return (gridApi.current?.getSelectedRows() ?? []).map((r) => r.id);
      },
      selectedRows() {
        return gridApi.current?.getSelectedRows() ?? [];
      },
    }),
    [grid],
  );

  // Ctrl+C copies the focused cell, or the selected rows as tab-separated text.
  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<GridRow>) => {
      const ke = e.event as KeyboardEvent | null;
      if (!ke) return;
      if (ke.key === 'Enter' && e.data && onOpen) {
        onOpen(e.data);
        return;
      }
      if (!(ke.ctrlKey || ke.metaKey) || ke.key.toLowerCase() !== 'c') return;
      const a = e.api;
      const selected = a.getSelectedRows();
      const cols = a.getAllDisplayedColumns();
      const text = selected.length > 1 ? selected.map((r) => cols.map((c) => String(r[c.getColId()] ?? '')).join('\t')).join('\n') : String(e.value ?? '');
      void navigator.clipboard?.writeText(text).catch(() => undefined);
    },
    [onOpen],
  );

  return (
    <div className={`pc-grid ag-theme-balham${theme === 'dark' ? '-dark' : ''}`} data-testid={`grid-${grid}`} data-density={density}>
      <AgGridReact<GridRow>
        theme="legacy"
        columnDefs={columnDefs}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK}
        maxBlocksInCache={50}
        blockLoadDebounceMillis={40}
        rowBuffer={20}
        rowHeight={density === 'compact' ? 24 : 32}
        headerHeight={density === 'compact' ? 28 : 34}
        getRowId={(p) => String(p.data.id)}
        getRowClass={(p) => (p.data && validityColumns.some((c) => p.data![c] === 0) ? 'pc-row-anomaly' : undefined)}
        rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false }}
        onGridReady={(e: GridReadyEvent<GridRow>) => {
          gridApi.current = e.api;
          if (columns)
            e.api.applyColumnState({
              state: columns.map((c) => ({ colId: c.id, width: c.width, hide: c.hidden ?? false, pinned: c.pinned ?? null })),
              applyOrder: true,
            });
          if (sort) e.api.applyColumnState({ state: [{ colId: sort.column, sort: sort.dir }] });
        }}
        onSortChanged={(e) => {
          const s = e.api.getColumnState().find((c) => c.sort);
          callbacks.current.onSortChange(s?.sort ? { column: s.colId, dir: s.sort } : null);
        }}
        onSelectionChanged={(e) => onSelectionChange(e.api.getSelectedRows().length)}
        onCellClicked={(e) => e.colDef.colId === linkColumn && e.data && onOpen?.(e.data)}
        onRowDoubleClicked={(e) => e.data && onOpen?.(e.data)}
        onCellKeyDown={onCellKeyDown}
        suppressCellFocus={false}
        animateRows={false}
        suppressColumnVirtualisation
        localeText={{ noRowsToShow: t('grids.noRows'), loadingOoo: t('grids.loading') }}
      />
    </div>
  );
});
