// Reads something from the core, and reads it again when the core says one of its tables changed
// (debounced, so a burst of writes costs one read). Writes that emit nothing call `reload` themselves.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';

export type Loaded<T> = { data: T | undefined; error: unknown; loading: boolean; reload(): void };

export function useLoad<T>(load: (() => Promise<T>) | null, tables: readonly string[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  const watched = tables.join(',');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const names = watched.split(',');
    const off = api.on('data.changed', ({ tables: changed }) => {
      if (!changed.some((x) => names.includes(x))) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(reload, 150);
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [watched, reload]);

  useEffect(() => {
    if (!load) {
      setData(undefined);
      return;
    }
    let live = true;
    setLoading(true);
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [load, version]);

  return { data, error, loading, reload };
}
