import type { AuditLog, NewAuditEntry } from '../../ports/audit-log';
import type { CountInWindow } from './windows';

/**
 * Every denial is audited, and the trail is kept 400 days: a caller repeating a refused request (or
 * probing ids) must not grow it without bound. Per hour, the first ten identical denials (same
 * actor, action, member and reason) each get an entry, and an actor's first thousand denials of any
 * kind (ids probed one by one; a person's own use never comes near); past that, one entry at the
 * 100th, 1,000th… repeat (and the 10,000th, 100,000th… denial of the actor), naming the count so
 * far. The trail still shows who was refused what, when, and how often.
 */
export const DENIAL_AUDIT = { identicalPerHour: 10, perActorPerHour: 1000, windowS: 3600 } as const;

const milestone = (n: number): boolean => n >= 100 && 10 ** Math.round(Math.log10(n)) === n;

export type AuditDenial = (entry: NewAuditEntry & { outcome: 'denied' }) => Promise<void>;

export function boundedDenialAudit(count: CountInWindow, audit: AuditLog): AuditDenial {
  return async (entry) => {
    const actor = `${entry.actor.kind}:${entry.actor.id}`;
    const same = await count('audit-denials', JSON.stringify([actor, entry.action, entry.subjectMemberId ?? null, entry.reason ?? null]), DENIAL_AUDIT.windowS);
    const byActor = await count('audit-denials-actor', actor, DENIAL_AUDIT.windowS);
    const individually = same.count <= DENIAL_AUDIT.identicalPerHour && byActor.count <= DENIAL_AUDIT.perActorPerHour;
    if (individually) {
      await audit.append(entry);
    } else if (milestone(same.count) || (byActor.count > DENIAL_AUDIT.perActorPerHour && milestone(byActor.count))) {
      await audit.append({ ...entry, meta: { ...entry.meta, identicalThisHour: same.count, deniedThisHour: byActor.count } });
    }
  };
}
