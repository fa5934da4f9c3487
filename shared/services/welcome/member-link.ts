import type { TokenSigner } from '../../ports/tokens';

/**
 * The health-form link sent in the welcome: `<PUBLIC_BASE_URL>/m/form#t=<token>` (the member pages,
 * web/member; the old `/api/intake/form` answers with a redirect here, fragment kept by the browser).
 * The token is a member-link token (HMAC, opaque member id only, no member data). It rides in the
 * fragment, which browsers never send to servers, so it stays out of access logs and Referer headers;
 * the form page reads it and sends it as a bearer token.
 *
 * Lifetime: 21 days, the length of the intake nudge period (intake-follow-up.ts,
 * LOW_COOPERATION_AFTER_DAYS), so every nudge can point back to the same link.
 */
export const MEMBER_LINK_TTL_S = 21 * 24 * 3600;
export const FORM_PATH = '/m/form';
/** Where links sent before the member pages pointed; still answered (a redirect to FORM_PATH). */
export const LEGACY_FORM_PATH = '/api/intake/form';

export function signMemberLink(tokens: TokenSigner, memberId: string, nowMs: number, ttlS = MEMBER_LINK_TTL_S): string {
  return tokens.sign({ aud: 'member-link', sub: memberId }, ttlS, nowMs);
}

export function formUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${FORM_PATH}#t=${token}`;
}

/** The token carried by a form link, if any. */
export function tokenFromFormUrl(url: string): string | undefined {
  const hash = new URL(url).hash.replace(/^#/, '');
  return new URLSearchParams(hash).get('t') ?? undefined;
}
