import { describe, expect, it } from 'vitest';
import { createTokenSigner, verifyToken } from '../../../shared/adapters/auth/tokens';
import { formUrl, MEMBER_LINK_TTL_S, signMemberLink, tokenFromFormUrl } from '../../../shared/services/welcome/member-link';

const SECRET = 'x'.repeat(40);
const NOW = Date.UTC(2025, 2, 3);

describe('signed form link', () => {
  it('carries a member-link token for the member in the fragment, nothing else', () => {
    const url = formUrl('https://health.example.test/', signMemberLink(createTokenSigner(SECRET), 'm_abc', NOW));
    expect(url.startsWith('https://health.example.test/m/form#t=')).toBe(true);
    const parsed = new URL(url);
    expect(parsed.search).toBe('');
    const token = tokenFromFormUrl(url) ?? '';
    expect(verifyToken(SECRET, token, { aud: 'member-link', nowMs: NOW })).toMatchObject({ aud: 'member-link', sub: 'm_abc' });
  });

  it('expires after 21 days, the length of the nudge period', () => {
    const token = signMemberLink(createTokenSigner(SECRET), 'm_abc', NOW);
    expect(() => verifyToken(SECRET, token, { aud: 'member-link', nowMs: NOW + (MEMBER_LINK_TTL_S - 1) * 1000 })).not.toThrow();
    expect(() => verifyToken(SECRET, token, { aud: 'member-link', nowMs: NOW + MEMBER_LINK_TTL_S * 1000 })).toThrow(/expired/);
  });

  it('is useless with another secret or for staff sessions', () => {
    const token = signMemberLink(createTokenSigner(SECRET), 'm_abc', NOW);
    expect(() => verifyToken('y'.repeat(40), token, { aud: 'member-link', nowMs: NOW })).toThrow(/signature/);
    expect(() => verifyToken(SECRET, token, { aud: 'staff-session', nowMs: NOW })).toThrow(/not valid here/);
  });
});
