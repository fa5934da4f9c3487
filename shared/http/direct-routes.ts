import type { HttpRequestInput, HttpResult } from '../adapters/triggers/http-event';
import type { HttpApp } from './app';

/**
 * A route answered straight from the trigger's event, without the web `Request`/`Response`/`Headers`
 * objects Hono works on. Those come from undici, which Node loads on first use: about 40 ms of a
 * cold start, and a share of every request's time. Used where a route needs none of the app's
 * middleware beyond what it does itself: health checks and the WeCom callbacks (a fixed path,
 * a raw body, an empty answer). The same handler is also mounted on the Hono app, so the app
 * alone (tests, HEAD, 405 with `Allow`) answers exactly as the direct path does.
 */
export interface DirectRoute {
  method: 'GET' | 'POST';
  path: string;
  /** `requestId`: the platform's, else a fresh one; echoed as `x-request-id` like every app answer. */
  handle(req: HttpRequestInput, requestId: string): Promise<HttpResult> | HttpResult;
}

const registry = new WeakMap<HttpApp, Map<string, DirectRoute>>();
const keyOf = (method: string, path: string) => `${method} ${path}`;

export function mountDirect(app: HttpApp, route: DirectRoute): void {
  const routes = registry.get(app) ?? new Map<string, DirectRoute>();
  registry.set(app, routes);
  routes.set(keyOf(route.method, route.path), route);
  const on = route.method === 'GET' ? app.get.bind(app) : app.post.bind(app);
  on(route.path, async (c) => {
    const req: HttpRequestInput = {
      method: c.req.method,
      path: c.req.path,
      headers: c.req.header(),
      query: c.req.query(),
      body: route.method === 'GET' ? '' : await c.req.text(),
    };
    const result = await route.handle(req, c.get('requestId'));
    return c.body(result.body, result.statusCode as 200, result.headers);
  });
}

/** The direct route for this request, if the app has one (exact method and path). */
export function directRoute(app: HttpApp, method: string, path: string): DirectRoute | undefined {
  return registry.get(app)?.get(keyOf(method.toUpperCase(), path));
}
