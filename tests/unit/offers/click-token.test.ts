import { describe, expect, it } from 'vitest';
import { createTokenSigner, signToken } from '../../../shared/adapters/auth/tokens';
import { OFFER_LINK_TTL_S, signOfferClick, verifyOfferClick } from '../../../shared/services/offers/click-token';

const SECRET = 'offer-test-signing-secret-0123456789abcdef';
const T = Date.UTC(2026, 2, 2, 2, 0);
const tokens = createTokenSigner(SECRET);

describe('offer click token', () => {
  it('names the delivery and which offer, and nothing about the member', () => {
    const token = signOfferClick(tokens, 'ofr_abc', 1, T);
    expect(verifyOfferClick(tokens, token, T + 1000)).toEqual({ deliveryId: 'ofr_abc', offerIndex: 1 });
    const claims = JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'scp', 'sub']);
  });

  it('expires after two weeks', () => {
    const token = signOfferClick(tokens, 'ofr_abc', 0, T);
    expect(() => verifyOfferClick(tokens, token, T + OFFER_LINK_TTL_S * 1000 - 1000)).not.toThrow();
    expect(() => verifyOfferClick(tokens, token, T + OFFER_LINK_TTL_S * 1000)).toThrow(expect.objectContaining({ code: 'token_expired', status: 401 }));
  });

  it('refuses a tampered token, one signed with another secret, and a member link used as a click', () => {
    const token = signOfferClick(tokens, 'ofr_abc', 0, T);
    const [payload, sig] = token.split('.') as [string, string];
    const other = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('ofr_abc', 'ofr_xyz')).toString('base64url');
    expect(() => verifyOfferClick(tokens, `${other}.${sig}`, T)).toThrow(expect.objectContaining({ code: 'token_bad_signature' }));
    expect(() => verifyOfferClick(tokens, signOfferClick(createTokenSigner(`${SECRET}-other`), 'ofr_abc', 0, T), T)).toThrow(expect.objectContaining({ code: 'token_bad_signature' }));
    expect(() => verifyOfferClick(tokens, signToken(SECRET, { aud: 'member-link', sub: 'ofr_abc' }, 60, T), T)).toThrow(expect.objectContaining({ code: 'token_wrong_audience' }));
    expect(() => verifyOfferClick(tokens, 'not-a-token', T)).toThrow(expect.objectContaining({ code: 'token_malformed' }));
  });
});
