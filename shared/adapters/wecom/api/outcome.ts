/** The result of one HTTP exchange with WeCom, before any retry decision. */
export type Outcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; kind: 'errcode'; errcode: number; errmsg: string }
  /** Failed before the request left this process: WeCom surely never saw it. */
  | { ok: false; kind: 'connect'; errmsg: string }
  /** Our timeout fired: the request may or may not have been processed. */
  | { ok: false; kind: 'timeout'; errmsg: string }
  /** The connection broke after it was established: may have been processed. */
  | { ok: false; kind: 'network'; errmsg: string }
  | { ok: false; kind: 'http'; status: number; errmsg: string }
  | { ok: false; kind: 'bad_response'; status: number; errmsg: string };

export type Failure = Exclude<Outcome, { ok: true }>;

/**
 * Error codes that prove the connection was never made (DNS, refused, unreachable, TLS handshake),
 * as reported by undici in `error.cause.code`.
 */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Unknown errors count as "may have been sent": the safe side for at-most-once calls. */
export function classifyFetchError(error: unknown): Failure {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, kind: 'timeout', errmsg: 'request timed out' };
  const code = errorCode(error);
  if (code && NEVER_SENT.has(code)) return { ok: false, kind: 'connect', errmsg: `connection failed (${code})` };
  return { ok: false, kind: 'network', errmsg: code ? `connection broken (${code})` : 'connection broken' };
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  if (typeof e?.code === 'string') return e.code;
  return undefined;
}

/** Whether WeCom may have acted on a request that ended in this failure. */
export function mayHaveBeenProcessed(failure: Failure): boolean {
  switch (failure.kind) {
    case 'timeout':
    case 'network':
    case 'bad_response':
      return true;
    case 'http':
      return failure.status >= 500 && failure.status !== 503;
    default:
      return false;
  }
}
