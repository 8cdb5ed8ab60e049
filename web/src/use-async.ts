import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, asApiError } from './api/api-error';
import type { Page } from './api/types';

export interface Paged<T> {
  items: T[];
  /** True while the first page loads (the page shows a loading state, not an empty one). */
  loading: boolean;
  /** True while a further page loads (its button says so). */
  loadingMore: boolean;
  error: ApiError | null;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Local edits between loads: live comments, deletions. */
  setItems(update: (items: T[]) => T[]): void;
}

/**
 * A list paginated the contract's way (`nextCursor`), grown by "Load more". `deps` restart it; answers that
 * arrive after a restart are dropped, so a slow old page never lands in a new list.
 */
export function usePaged<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (from: string | null) => {
      const mine = generation.current;
      setError(null);
      if (from) setLoadingMore(true);
      else setLoading(true);
      try {
        const page = await load(from);
        if (mine !== generation.current) return;
        setItems((current) => (from ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (caught) {
        if (mine === generation.current) setError(asApiError(caught));
      } finally {
        if (mine === generation.current) {
          setLoading(false);
          setLoadingMore(false);
        }
      }
    },
    // `load` is a new closure each render; `deps` say when what it loads changes.
    deps,
  );

  const reload = useCallback(() => {
    generation.current += 1;
    setCursor(null);
    void fetchPage(null);
  }, [fetchPage]);

  useEffect(reload, [reload]);

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor && !loadingMore) void fetchPage(cursor);
    },
    reload,
    setItems,
  };
}

export interface Loaded<T> {
  value: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  set(value: T): void;
}

/** One value loaded when `deps` change, with the same loading and error states as lists. */
export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const reload = useCallback(
    () => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      load().then(
        (loaded) => {
          if (mine !== generation.current) return;
          setValue(loaded);
          setLoading(false);
        },
        (caught: unknown) => {
          if (mine !== generation.current) return;
          setError(asApiError(caught));
          setLoading(false);
        },
      );
    },
    // as in usePaged: `deps` say when `load` changes.
    deps,
  );
  useEffect(reload, [reload]);
  return { value, error, loading, reload, set: setValue };
}
