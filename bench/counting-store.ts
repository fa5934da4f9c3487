import type { Collection, Doc, DocumentStore } from '../shared/ports/document-store';

const WRITES = new Set(['insert', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany']);

export interface StoreCallCounts {
  calls: number;
  writes: number;
  /** Calls per collection method, e.g. `points_ledger_entries.insert`. */
  byMethod: Record<string, number>;
}

/**
 * Wraps a DocumentStore so every collection call is counted: on MongoDB or CloudBase each call is
 * a network round trip, so the count (not the embedded store's speed) is what carries over.
 * `ensureIndex` is not counted: it runs once per collection per process.
 */
export function countingStore(inner: DocumentStore): { store: DocumentStore; counts: StoreCallCounts; reset(): void } {
  const counts: StoreCallCounts = { calls: 0, writes: 0, byMethod: {} };
  const wrap = <T extends Doc>(name: string, col: Collection<T>): Collection<T> =>
    new Proxy(col, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'ensureIndex') return value;
        return (...args: unknown[]) => {
          counts.calls += 1;
          if (WRITES.has(prop)) counts.writes += 1;
          const k = `${name}.${prop}`;
          counts.byMethod[k] = (counts.byMethod[k] ?? 0) + 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const store: DocumentStore = {
    kind: inner.kind,
    collection: <T extends Doc>(name: string) => wrap(name, inner.collection<T>(name)),
    close: () => inner.close(),
  };
  return {
    store,
    counts,
    reset() {
      counts.calls = 0;
      counts.writes = 0;
      counts.byMethod = {};
    },
  };
}
