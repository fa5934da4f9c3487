/**
 * 405 versus 404. A path that exists under other methods answers 405 with `Allow`; so does any
 * method no route can have (TRACE, CONNECT, TRACK: the fetch API refuses to even build such a
 * request, which used to surface as a 500).
 */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

interface RouteLike {
  method: string;
  path: string;
}

const patternCache = new Map<string, RegExp>();

/** Hono route paths here are literals and `:param` segments; `*` matches the rest. */
function compile(path: string): RegExp {
  let re = patternCache.get(path);
  if (!re) {
    const source = path
      .split('/')
      .map((seg) => (seg === '*' ? '.*' : seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    patternCache.set(path, (re = new RegExp(`^${source}$`)));
  }
  return re;
}

/** Methods some route serves at `path` (middleware, registered as ALL, does not count); HEAD with GET. */
export function allowedMethods(routes: readonly RouteLike[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) if (r.method !== 'ALL' && compile(r.path).test(path)) methods.add(r.method.toUpperCase());
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

export function methodNotAllowed(method: string, allowed: readonly string[]): { status: 405; headers: Record<string, string>; body: { error: { code: string; message: string } } } {
  return {
    status: 405,
    headers: { 'content-type': 'application/json', ...(allowed.length && { allow: allowed.join(', ') }) },
    body: { error: { code: 'method_not_allowed', message: allowed.length ? `${method} is not allowed here; use ${allowed.join(', ')}` : `${method} is not supported` } },
  };
}
