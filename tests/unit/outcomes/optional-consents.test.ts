import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { createOptionalConsents } from '../../../shared/services/members/optional-consents';
import { currentConsentText } from '../../../shared/domain/consent/optional-consents';
import { ManualClock } from '../../../shared/ports/clock';
import type { AuditLog, NewAuditEntry } from '../../../shared/ports/audit-log';

function setup() {
  const entries: NewAuditEntry[] = [];
  const audit = { append: async (e: NewAuditEntry) => (entries.push(e), { ...e, _id: String(entries.length), atMs: 0 }) } as unknown as AuditLog;
  const consents = createOptionalConsents({ store: createEmbeddedStore({ inMemory: true }), clock: new ManualClock(1_000), audit });
  return { consents, entries };
}

const member = { kind: 'member', id: 'm1' } as const;

describe('optional consents', () => {
  it('is off until the member grants it, and off again once revoked; each change audited once', async () => {
    const { consents, entries } = setup();
    const version = currentConsentText('personalised_offers').version;
    expect(await consents.granted('m1', 'personalised_offers')).toBe(false);
    await consents.set('m1', 'personalised_offers', { granted: true, textVersion: version }, member);
    await consents.set('m1', 'personalised_offers', { granted: true, textVersion: version }, member);
    expect(await consents.granted('m1', 'personalised_offers')).toBe(true);
    expect(await consents.granted('m1', 'behaviour_score_sharing')).toBe(false);
    await consents.set('m1', 'personalised_offers', { granted: false }, member);
    expect(await consents.get('m1', 'personalised_offers')).toMatchObject({ granted: false, textVersion: null });
    expect(entries.map((e) => e.action)).toEqual(['consent.optional.given', 'consent.optional.revoked']);
  });

  it('refuses a text version never shown, and anyone but the member deciding', async () => {
    const { consents } = setup();
    await expect(consents.set('m1', 'behaviour_score_sharing', { granted: true, textVersion: 'made-up' }, member)).rejects.toMatchObject({ status: 400 });
    await expect(
      consents.set('m1', 'behaviour_score_sharing', { granted: true, textVersion: currentConsentText('behaviour_score_sharing').version }, { kind: 'staff', id: 'doc1' }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await consents.granted('m1', 'behaviour_score_sharing')).toBe(false);
  });

  it('two identical decisions at once (a double click) change the standing once and are audited once', async () => {
    const { consents, entries } = setup();
    const version = currentConsentText('personalised_offers').version;
    const grant = () => consents.set('m1', 'personalised_offers', { granted: true, textVersion: version }, member);
    const states = await Promise.all([grant(), grant()]);
    expect(states.every((s) => s.granted)).toBe(true);
    const revoke = () => consents.set('m1', 'personalised_offers', { granted: false }, member);
    await Promise.all([revoke(), revoke(), revoke()]);
    expect(await consents.granted('m1', 'personalised_offers')).toBe(false);
    expect(entries.map((e) => e.action)).toEqual(['consent.optional.given', 'consent.optional.revoked']);
  });
});
