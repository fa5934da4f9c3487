/** Dotted-path helpers shared by the adapters that must build or patch documents themselves. */

type Obj = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export function getPath(doc: Obj, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

export function setPath(doc: Obj, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let cur = doc;
  for (const part of parts) {
    const next = cur[part];
    if (!isPlainObject(next)) cur[part] = {};
    cur = cur[part] as Obj;
  }
  cur[last] = value;
}

export function unsetPath(doc: Obj, path: string): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let cur: unknown = doc;
  for (const part of parts) {
    if (!isPlainObject(cur)) return;
    cur = cur[part];
  }
  if (isPlainObject(cur)) delete cur[last];
}

export { isPlainObject };
