import type { TokenSigner } from '../../ports/tokens';

/** How long an offer link records opens: two weeks, then it is a dead link (the offer was of the moment). */
export const OFFER_LINK_TTL_S = 14 * 86_400;

/** The offer link's token: which delivery and which of its offers; nothing about the member. */
export function signOfferClick(tokens: TokenSigner, deliveryId: string, offerIndex: number, nowMs: number): string {
  return tokens.sign({ aud: 'offer-click', sub: deliveryId, scp: `o:${offerIndex}` }, OFFER_LINK_TTL_S, nowMs);
}

/** Throws UnauthorizedError token_malformed / token_bad_signature / token_expired / token_wrong_audience. */
export function verifyOfferClick(tokens: TokenSigner, token: string, nowMs: number): { deliveryId: string; offerIndex: number } {
  const claims = tokens.verify(token, { aud: 'offer-click', nowMs });
  const index = /^o:(\d{1,2})$/.exec(claims.scp ?? '');
  return { deliveryId: claims.sub, offerIndex: index ? Number(index[1]) : 0 };
}

export const offerLink = (baseUrl: string, token: string): string => `${baseUrl.replace(/\/$/, '')}/api/offers/open?t=${token}`;
