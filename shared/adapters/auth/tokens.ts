import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ConfigError } from '../../config';
import { UnauthorizedError } from '../../errors';
import { STAFF_ROLES } from '../../domain/team/roles';
import type { TokenAudience, TokenClaims, TokenClaimsInput, TokenErrorCode, TokenSigner } from '../../ports/tokens';

/*
 * Compact tokens: base64url(JSON claims) "." base64url(HMAC-SHA256(secret, first part)).
 * `jose` (JWT/JWS) would also do, but it is not installed and we need neither JOSE headers nor
 * algorithm agility (a classic JWT pitfall); node:crypto HMAC is the whole job.
 */

export { TOKEN_AUDIENCES, TOKEN_ERROR_CODES, type TokenAudience, type TokenErrorCode } from '../../ports/tokens';

const MAX_TOKEN_CHARS = 2048;
const MIN_SECRET_CHARS = 32;
const MAC_B64URL_CHARS = 43; // 32-byte HMAC-SHA256 in unpadded base64url
const B64URL = /^[A-Za-z0-9_-]+$/;
// WeCom userids may also hold '.' and '@'; still opaque, never member data.
const OPAQUE_ID = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be an opaque id');
const SCOPE = z.string().regex(/^[a-z0-9_.:-]{1,40}$/);

const base = { sub: OPAQUE_ID, iat: z.number().int().nonnegative(), exp: z.number().int().positive(), jti: OPAQUE_ID.optional(), scp: SCOPE.optional() };

/**
 * Member-link tokens travel in URLs sent through WeCom: they carry the opaque member id and nothing
 * else about the member (strictObject rejects any extra claim at sign and verify time).
 */
const ClaimsSchema = z.discriminatedUnion('aud', [
  z.strictObject({ aud: z.literal('member-link'), ...base }),
  z.strictObject({ aud: z.literal('mini-program'), ...base }),
  /** An offer link's click token: `sub` is the offer delivery id, `scp` which of its offers ("o:0"). Grants nothing but recording the open. */
  z.strictObject({ aud: z.literal('offer-click'), ...base }),
  z.strictObject({
    aud: z.literal('staff-session'),
    ...base,
    role: z.enum(STAFF_ROLES),
    /** WeCom userid of the staff member (企业成员 userid). */
    corpUserId: z.string().min(1).max(64).optional(),
    /** The staff member's roster version at sign-in: a deactivation moves it, revoking the session. */
    rv: z.number().int().nonnegative().optional(),
  }),
]);

/** The schema's claims fit the port's (shared/ports/tokens.ts): a drift fails the build. */
const fits = <T extends true>(): T | undefined => undefined;
fits<[z.infer<typeof ClaimsSchema>] extends [TokenClaims] ? ([TokenClaims] extends [z.infer<typeof ClaimsSchema>] ? true : false) : false>();

function assertSecret(secret: string): void {
  if (secret.length < MIN_SECRET_CHARS) throw new ConfigError(`invalid configuration:\n  TOKEN_SIGNING_SECRET: must be at least ${MIN_SECRET_CHARS} characters`);
}

const mac = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest();

export function signToken(secret: string, claims: TokenClaimsInput, ttlS: number, nowMs: number): string {
  assertSecret(secret);
  if (!Number.isInteger(ttlS) || ttlS <= 0) throw new Error('ttlS must be a positive whole number of seconds');
  const iat = Math.floor(nowMs / 1000);
  const full = ClaimsSchema.parse({ ...claims, iat, exp: iat + ttlS });
  const payload = Buffer.from(JSON.stringify(full), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

const reject = (code: TokenErrorCode, message: string): never => {
  throw new UnauthorizedError(code, message);
};

/** Signature first, then shape, audience and expiry; each failure has its own UnauthorizedError code. */
export function verifyToken<A extends TokenAudience>(
  secret: string,
  token: string,
  opts: { aud: A; nowMs: number; ignoreExpiry?: boolean },
): Extract<TokenClaims, { aud: A }> {
  assertSecret(secret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return reject('token_malformed', 'token is malformed');
  const parts = token.split('.');
  const [payload, sig] = parts;
  if (parts.length !== 2 || !payload || !sig || !B64URL.test(payload) || sig.length !== MAC_B64URL_CHARS || !B64URL.test(sig)) {
    return reject('token_malformed', 'token is malformed');
  }
  // Compare the canonical text, not decoded bytes: base64url's spare low bits would let one MAC
  // be written several ways.
  const presented = Buffer.from(sig, 'utf8');
  const expected = Buffer.from(mac(secret, payload).toString('base64url'), 'utf8');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    return reject('token_bad_signature', 'token signature is invalid');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return reject('token_malformed', 'token is malformed');
  }
  const parsed = ClaimsSchema.safeParse(json);
  if (!parsed.success) return reject('token_malformed', 'token claims are malformed');
  const claims = parsed.data;
  if (claims.aud !== opts.aud) return reject('token_wrong_audience', 'token is not valid here');
  if (!opts.ignoreExpiry && Math.floor(opts.nowMs / 1000) >= claims.exp) return reject('token_expired', 'token has expired');
  return claims as Extract<TokenClaims, { aud: A }>;
}

/**
 * Constant-time check of the INTERNAL_API_KEY. Both sides are hashed first so that neither the
 * comparison time nor an early length mismatch reveals how long the key is.
 */
export function verifyInternalKey(expected: string, presented: string | null | undefined): boolean {
  if (!expected || typeof presented !== 'string' || presented === '') return false;
  const a = createHmac('sha256', 'internal-key').update(expected).digest();
  const b = createHmac('sha256', 'internal-key').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The TokenSigner the services are handed (shared/runtime/deps.ts builds it from TOKEN_SIGNING_SECRET). */
export function createTokenSigner(secret: string): TokenSigner {
  assertSecret(secret);
  return {
    sign: (claims, ttlS, nowMs) => signToken(secret, claims, ttlS, nowMs),
    verify: (token, opts) => verifyToken(secret, token, opts),
  };
}
