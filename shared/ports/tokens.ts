import type { StaffRole } from '../domain/team/roles';

/**
 * Signed bearer tokens as the services see them (shared/adapters/auth/tokens.ts signs them with
 * TOKEN_SIGNING_SECRET). Claims carry opaque ids only, never member data.
 */

export const TOKEN_AUDIENCES = ['member-link', 'staff-session', 'mini-program', 'offer-click'] as const;
export type TokenAudience = (typeof TOKEN_AUDIENCES)[number];

export const TOKEN_ERROR_CODES = ['token_malformed', 'token_bad_signature', 'token_expired', 'token_wrong_audience'] as const;
export type TokenErrorCode = (typeof TOKEN_ERROR_CODES)[number];

interface BaseClaims {
  /** Opaque id: member id, or the staff member's userid. */
  sub: string;
  /** Issued and expiry instants, epoch seconds. */
  iat: number;
  exp: number;
  jti?: string;
  scp?: string;
}

/** The welcome link's token: travels in a link card anyone can forward (form flow only). */
export interface MemberLinkClaims extends BaseClaims {
  aud: 'member-link';
}

export interface MiniProgramClaims extends BaseClaims {
  aud: 'mini-program';
}

/** An offer link's click token: `sub` is the offer delivery id, `scp` which of its offers ("o:0"). Grants nothing but recording the open. */
export interface OfferClickClaims extends BaseClaims {
  aud: 'offer-click';
}

export interface StaffSessionClaims extends BaseClaims {
  aud: 'staff-session';
  role: StaffRole;
  /** WeCom userid of the staff member (企业成员 userid). */
  corpUserId?: string;
  /** The staff member's roster version at sign-in: a deactivation moves it, revoking the session. */
  rv?: number;
}

export type TokenClaims = MemberLinkClaims | MiniProgramClaims | OfferClickClaims | StaffSessionClaims;
/** What the caller supplies; iat and exp are stamped when signing. */
export type TokenClaimsInput = TokenClaims extends infer C ? (C extends unknown ? Omit<C, 'iat' | 'exp'> : never) : never;

export interface TokenSigner {
  sign(claims: TokenClaimsInput, ttlS: number, nowMs: number): string;
  /** Signature first, then shape, audience and expiry; each failure an UnauthorizedError with its TokenErrorCode. */
  verify<A extends TokenAudience>(token: string, opts: { aud: A; nowMs: number; ignoreExpiry?: boolean }): Extract<TokenClaims, { aud: A }>;
}
