import type { Collection, Doc, DocumentStore } from '../../ports/document-store';
import { assertCollectionName } from './collection-name';
import { onceUntilFailure } from '../../once-until-failure';

const METHODS = ['insert', 'get', 'findOne', 'find', 'count', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'ensureIndex'] as const;

/**
 * A store whose adapter module is imported on first use. The function bundles keep mongoose and
 * @cloudbase/node-sdk as externals in a layer; a function that never touches the database (or runs
 * on another backend) must not pay for loading them at cold start. A failed load is retried.
 */
export function lazyStore(kind: DocumentStore['kind'], load: () => Promise<DocumentStore>): DocumentStore {
  const store = onceUntilFailure(load);

  return {
    kind,
    collection<T extends Doc = Doc>(name: string): Collection<T> {
      assertCollectionName(name);
      const coll: Record<string, unknown> = {};
      for (const m of METHODS) {
        coll[m] = async (...args: unknown[]) => {
          const target = (await store()).collection<T>(name) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
          return target[m]!(...args);
        };
      }
      return coll as unknown as Collection<T>;
    },
    async close(): Promise<void> {
      const current = store.forget();
      if (current) await (await current.catch(() => undefined))?.close();
    },
  };
}
