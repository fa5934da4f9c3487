import type { HttpApp } from './app';
import type { DocumentStore } from '../ports/document-store';

/** Build identity, stamped by esbuild (`npm run build`); "dev" when running from source. */
export const BUILD_VERSION = process.env.BUILD_VERSION ?? 'dev';

/**
 * `GET <prefix>/healthz`: what is real before a capability lands — the function is up, which build
 * it runs, and whether its store answers. No member data, no config values.
 */
export function mountHealth(app: HttpApp, prefixes: string[], fn: string, store: DocumentStore): void {
  for (const prefix of prefixes) {
    app.get(`${prefix}/healthz`, async (c) => {
      const started = Date.now();
      await store.collection('healthz').count({});
      return c.json({ status: 'ok', function: fn, version: BUILD_VERSION, store: store.kind, storeMs: Date.now() - started });
    });
  }
}
