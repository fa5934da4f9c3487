import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyInternalKey, verifyToken } from '../../../shared/adapters/auth/tokens';
import type { TokenClaimsInput } from '../../../shared/ports/tokens';
import { UnauthorizedError } from '../../../shared/errors';
import { ConfigError } from '../../../shared/config';

const SECRET = 'test-signing-secret-0123456789-abcdef';
const NOW = Date.UTC(2026, 1, 3, 8, 0, 0);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof UnauthorizedError) {
      expect(e.status).toBe(401);
      return e.code;
    }
    throw e;
  }
  return undefined;
}

/** A token whose claims we choose freely but whose MAC is valid, as a leaked secret would allow. */
function forge(claims: object, secret = SECRET): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

describe('signed tokens', () => {
  it('round-trips a staff session with role and WeCom user id', () => {
    const token = signToken(SECRET, { aud: 'staff-session', sub: 'staff_7', role: 'family_doctor', corpUserId: 'zhangsan' }, 3600, NOW);
    const claims = verifyToken(SECRET, token, { aud: 'staff-session', nowMs: NOW + 1000 });
    expect(claims).toEqual({
      aud: 'staff-session',
      sub: 'staff_7',
      role: 'family_doctor',
      corpUserId: 'zhangsan',
      iat: NOW / 1000,
      exp: NOW / 1000 + 3600,
    });
  });

  it('a member link carries only the opaque member id and timing claims', () => {
    const token = signToken(SECRET, { aud: 'member-link', sub: 'mbr_01HXYZ' }, 900, NOW);
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'sub']);
    expect(verifyToken(SECRET, token, { aud: 'member-link', nowMs: NOW }).sub).toBe('mbr_01HXYZ');
  });

  it('refuses to put member data into a member link, and refuses such a token when verifying', () => {
    const withPhone = { aud: 'member-link', sub: 'mbr_1', phone: '13812341234' } as unknown as TokenClaimsInput;
    expect(() => signToken(SECRET, withPhone, 900, NOW)).toThrow();
    const forged = forge({ aud: 'member-link', sub: 'mbr_1', phone: '13812341234', iat: NOW / 1000, exp: NOW / 1000 + 900 });
    expect(codeOf(() => verifyToken(SECRET, forged, { aud: 'member-link', nowMs: NOW }))).toBe('token_malformed');
    const nameAsSub = { aud: 'member-link', sub: '张三 13812341234' } as unknown as TokenClaimsInput;
    expect(() => signToken(SECRET, nameAsSub, 900, NOW)).toThrow();
  });

  it('expires exactly at exp', () => {
    const token = signToken(SECRET, { aud: 'member-link', sub: 'mbr_1' }, 60, NOW);
    expect(verifyToken(SECRET, token, { aud: 'member-link', nowMs: NOW + 59_999 }).sub).toBe('mbr_1');
    expect(codeOf(() => verifyToken(SECRET, token, { aud: 'member-link', nowMs: NOW + 60_000 }))).toBe('token_expired');
  });

  it('a token for one audience is refused by another', () => {
    const link = signToken(SECRET, { aud: 'member-link', sub: 'mbr_1' }, 60, NOW);
    expect(codeOf(() => verifyToken(SECRET, link, { aud: 'staff-session', nowMs: NOW }))).toBe('token_wrong_audience');
    expect(codeOf(() => verifyToken(SECRET, link, { aud: 'mini-program', nowMs: NOW }))).toBe('token_wrong_audience');
  });

  it('detects another secret, an edited payload and a re-encoded signature', () => {
    const token = signToken(SECRET, { aud: 'staff-session', sub: 'staff_1', role: 'insurance_consultant' }, 60, NOW);
    expect(codeOf(() => verifyToken(`${SECRET}-other`, token, { aud: 'staff-session', nowMs: NOW }))).toBe('token_bad_signature');

    const [payload, sig] = token.split('.') as [string, string];
    const promoted = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'family_doctor' }),
    ).toString('base64url');
    expect(codeOf(() => verifyToken(SECRET, `${promoted}.${sig}`, { aud: 'staff-session', nowMs: NOW }))).toBe('token_bad_signature');

    // The 43rd base64url character carries 2 spare bits; another spelling decodes to the same MAC.
    const last = sig.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[(alphabet.indexOf(last) ^ 1)]!;
    const respelled = `${sig.slice(0, -1)}${sibling}`;
    expect(Buffer.from(respelled, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
    expect(codeOf(() => verifyToken(SECRET, `${payload}.${respelled}`, { aud: 'staff-session', nowMs: NOW }))).toBe('token_bad_signature');
  });

  it.each([
    ['empty', ''],
    ['one part', 'abc'],
    ['three parts (a JWT)', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dQ'],
    ['a short signature', 'eyJhIjoxfQ.abc'],
    ['illegal characters', `ey J.${'A'.repeat(43)}`],
    ['an oversized token', `${'A'.repeat(5000)}.${'A'.repeat(43)}`],
  ])('calls %s malformed', (_label, token) => {
    expect(codeOf(() => verifyToken(SECRET, token, { aud: 'member-link', nowMs: NOW }))).toBe('token_malformed');
  });

  it('a correctly signed payload that is not valid claims is malformed, not trusted', () => {
    const forged = forge({ aud: 'staff-session', sub: 'staff_1', role: 'root', iat: 1, exp: 9e9 });
    expect(codeOf(() => verifyToken(SECRET, forged, { aud: 'staff-session', nowMs: NOW }))).toBe('token_malformed');
  });

  it('refuses a short signing secret and a non-positive lifetime', () => {
    expect(() => signToken('short', { aud: 'member-link', sub: 'm' }, 60, NOW)).toThrow(ConfigError);
    expect(() => verifyToken('short', 'a.b', { aud: 'member-link', nowMs: NOW })).toThrow(/TOKEN_SIGNING_SECRET/);
    expect(() => signToken(SECRET, { aud: 'member-link', sub: 'm' }, 0, NOW)).toThrow();
  });
});

describe('verifyInternalKey', () => {
  const KEY = 'internal-key-0123456789abcdef';
  it.each([
    [KEY, true],
    [`${KEY}x`, false],
    [KEY.slice(0, -1), false],
    ['', false],
    [undefined, false],
    [null, false],
  ])('presented %s → %s', (presented, ok) => {
    expect(verifyInternalKey(KEY, presented)).toBe(ok);
  });

  it('never matches when no key is configured', () => {
    expect(verifyInternalKey('', '')).toBe(false);
  });
});
