import { useCallback, useEffect, useState } from 'preact/hooks';

export type Load<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'done'; data: T };

/** Runs `fetcher` when `deps` change; `reload` runs it again (after a write). */
export function useLoad<T>(fetcher: () => Promise<T>, deps: unknown[]): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    fetcher().then(
      (data) => live && setLoad({ state: 'done', data }),
      (error: unknown) => live && setLoad({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return [load, useCallback(() => setTick((t) => t + 1), [])];
}

/** The current time, moving every `everyMs` (the queue's live countdown). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
