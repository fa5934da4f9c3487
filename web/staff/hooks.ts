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

/** What a staff action came to: the line shown under its button. */
export interface ActionResult {
  ok: boolean;
  text: string;
}

/**
 * One staff action (接单, 结案, 回复, 插入聊天) at a time: `busy` while it runs, so its button is
 * disabled against a double tap, then its result. `act` does the work (and what follows it, such as a
 * reload) and resolves to the line to show; `failed` words an error for the person who acted.
 */
export function useAction(): { busy: boolean; result: ActionResult | null; run: (act: () => Promise<string>, failed: (err: unknown) => string) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);
  const run = async (act: () => Promise<string>, failed: (err: unknown) => string) => {
    setBusy(true);
    setResult(null);
    try {
      setResult({ ok: true, text: await act() });
    } catch (err) {
      setResult({ ok: false, text: failed(err) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, result, run };
}
