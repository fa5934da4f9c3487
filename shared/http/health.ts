import type { HttpApp } from './app';
import type { DocumentStore } from '../ports/document-store';
import { mountDirect } from './direct-routes';

/** Build identity, stamped by esbuild (`npm run build`); "dev" when running from source. */
export const BUILD_VERSION = process.env.BUILD_VERSION ?? 'dev';

/**
 * `GET <prefix>/healthz`: the function is up and which build it runs — without touching the store,
 * so a probe (or a cold start) never loads the store driver (mongoose or the CloudBase SDK add
 * 150–350 ms). `?store=1` also asks the store and reports how long it took. No member data, no
 * config values. A direct route: answered without building web Request/Response objects.
 */
export function mountHealth(app: HttpApp, prefixes: string[], fn: string, store: DocumentStore): void {
  for (const prefix of prefixes) {
    mountDirect(app, {
      method: 'GET',
      path: `${prefix}/healthz`,
      async handle(req) {
        const body: Record<string, unknown> = { status: 'ok', function: fn, version: BUILD_VERSION, store: store.kind };
        if (req.query.store !== undefined) {
          const started = Date.now();
          await store.collection('healthz').count({});
          body.storeMs = Date.now() - started;
        }
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      },
    });
  }
}
