import { describe, expect, it } from 'vitest';
import { ACTIONS, POLICY, decide, isAction, type Action } from '../../../shared/domain/access/policy';
import { PRINCIPAL_ROLES, RELATIONS, relationOf, type Principal, type PrincipalRole, type Relation } from '../../../shared/domain/access/principal';

/*
 * The intent, restated from the product rules rather than copied from POLICY:
 * what each kind of principal should be able to do, grouped by what the data is.
 */
const clinical: Action[] = ['health.read', 'health.write', 'readings.write'];
const tickets: Action[] = ['ticket.read', 'ticket.ack', 'ticket.close', 'ticket.reply'];
const memberRights: Action[] = ['member.export', 'member.delete', 'consent.withdraw'];

/** Every action the test knows about; a new action in POLICY must be placed here deliberately. */
const KNOWN: Action[] = [
  'profile.read', 'profile.write', ...clinical, 'tier.read', 'gap.read', 'gap.create', 'gap.discuss',
  'points.read', 'points.earn', 'points.adjust', 'rights.read', 'rights.redeem', 'rights.fulfil', ...tickets,
  'reminder.create', 'reminder.own', 'reminder.renewal', ...memberRights, 'team.assign', 'audit.read', 'stats.read', 'member.lookup', 'outbound.review', 'outcomes.report',
  'plan_task.done', 'content.manage', 'offer.own', 'offer.report', 'plan.override', 'consent.optional', 'score.read', 'score.share',
];

/** Actions that reveal health content or conclusions drawn from it. */
const HEALTH_CONTENT: Action[] = [...clinical, ...tickets, 'outbound.review', 'reminder.create', 'reminder.own', 'plan_task.done', 'offer.own', 'member.export', 'tier.read', 'gap.read', 'gap.create', 'gap.discuss', 'plan.override', 'score.read', 'score.share'];

type Intent = Partial<Record<Relation, Action[]>>;

const INTENT: Record<PrincipalRole, Intent> = {
  // A member: everything about themselves that is theirs to see or change (including who looked at
  // their records), nothing about anyone else.
  member: {
    self: ['profile.read', 'profile.write', ...clinical, 'tier.read', 'gap.read', 'gap.create', 'points.read', 'rights.read', 'rights.redeem', 'ticket.read', 'reminder.create', 'reminder.own', 'plan_task.done', ...memberRights, 'audit.read', 'offer.own', 'consent.optional', 'score.read'],
  },
  // Doctor: the member's health, tier, the tickets routed to them, follow-up reminders.
  // The doctor also has the last word on a plan the data adjusted.
  family_doctor: { own_team: ['profile.read', 'member.lookup', ...clinical, 'tier.read', ...tickets, 'reminder.create', 'outbound.review', 'plan.override'] },
  // Butler: sends medication/monitoring reminders and keeps the profile, so sees health too.
  health_butler: { own_team: ['profile.read', 'member.lookup', 'profile.write', ...clinical, 'tier.read', ...tickets, 'reminder.create'] },
  // Rights consultant: points and rights, including redeeming for the member.
  rights_consultant: { own_team: ['profile.read', 'member.lookup', 'points.read', 'points.adjust', 'rights.read', 'rights.redeem', 'rights.fulfil', ...tickets] },
  // Insurance consultant: gap report and tier, never clinical detail.
  insurance_consultant: { own_team: ['profile.read', 'member.lookup', 'tier.read', 'gap.read', 'gap.create', 'gap.discuss', ...tickets, 'reminder.renewal'] },
  // Supervisor: aggregates, plus staffing.
  supervisor: Object.fromEntries(RELATIONS.map((r) => [r, ['stats.read', 'team.assign']])),
  // Ops: oversight and staffing in any case; a member's own requests only when verified.
  ops_admin: {
    ...Object.fromEntries(RELATIONS.map((r) => [r, ['audit.read', 'stats.read', 'team.assign', 'content.manage']])),
    on_request: ['audit.read', 'stats.read', 'team.assign', 'content.manage', ...memberRights],
  },
  // Compliance reviewer: decides on held outbound texts for any member, and nothing else.
  compliance_reviewer: Object.fromEntries(RELATIONS.map((r) => [r, ['outbound.review']])),
  // Machine: background work for any member; the policy system's read of consented behaviour scores.
  machine: Object.fromEntries(RELATIONS.map((r) => [r, ['points.earn', 'reminder.create', 'reminder.renewal', 'gap.create', 'team.assign', 'content.manage', 'offer.report', 'score.share', 'outcomes.report', 'stats.read']])),
};

const principalFor = (role: PrincipalRole): Principal =>
  role === 'member' ? { kind: 'member', memberId: 'm1' } : role === 'machine' ? { kind: 'machine', id: 'timer' } : { kind: 'staff', staffId: 's1', role };

const expectedAllowed = (role: PrincipalRole, action: Action, relation: Relation): boolean =>
  INTENT[role][relation]?.includes(action) ?? false;

describe('authorization policy table', () => {
  it('covers exactly the actions this test has intentions for', () => {
    expect([...ACTIONS].sort()).toEqual([...KNOWN].sort());
    expect(isAction('health.read')).toBe(true);
    expect(isAction('toString')).toBe(false);
  });

  const cells = ACTIONS.flatMap((action) => PRINCIPAL_ROLES.flatMap((role) => RELATIONS.map((relation) => [action, role, relation] as const)));

  it.each(cells)('%s by %s (%s)', (action, role, relation) => {
    const decision = decide(principalFor(role), action, relation);
    expect(decision.allow).toBe(expectedAllowed(role, action, relation));
  });

  it('denies with the reason the rule behind it names', () => {
    for (const action of ACTIONS) {
      for (const role of PRINCIPAL_ROLES) {
        for (const relation of RELATIONS) {
          const d = decide(principalFor(role), action, relation);
          if (d.allow) continue;
          const allowedSomewhere = RELATIONS.some((r) => expectedAllowed(role, action, r));
          let reason: string;
          if (role === 'ops_admin' && HEALTH_CONTENT.includes(action) && !allowedSomewhere) reason = 'no_health_content';
          else if (role === 'supervisor' && !allowedSomewhere) reason = action === 'stats.read' || action === 'content.manage' ? 'role_not_permitted' : 'aggregate_only';
          else if (!allowedSomewhere) reason = 'role_not_permitted';
          else if (role === 'member') reason = 'not_self';
          else if (role === 'ops_admin') reason = 'no_verified_request';
          else reason = 'not_own_team';
          expect({ action, role, relation, reason: d.reason }).toEqual({ action, role, relation, reason });
        }
      }
    }
  });

  it('keeps clinical detail from the insurance and rights consultants, supervisors and ops in every relation', () => {
    for (const role of ['insurance_consultant', 'rights_consultant', 'supervisor', 'ops_admin'] as const) {
      for (const action of clinical) {
        for (const relation of RELATIONS) expect(decide(principalFor(role), action, relation).allow).toBe(false);
      }
    }
  });

  it('every 4R grant needs the member to be on the principal\'s own team', () => {
    for (const role of ['family_doctor', 'health_butler', 'rights_consultant', 'insurance_consultant'] as const) {
      for (const action of ACTIONS) expect(decide(principalFor(role), action, 'other').allow).toBe(false);
    }
  });

  it('whoever may read a ticket may read the member profile it names (the workbench shows the member with the ticket)', () => {
    for (const role of PRINCIPAL_ROLES) {
      for (const relation of RELATIONS) {
        if (decide(principalFor(role), 'ticket.read', relation).allow) expect({ role, relation, profile: decide(principalFor(role), 'profile.read', relation).allow }).toEqual({ role, relation, profile: true });
      }
    }
  });

  it('only the member\'s own 4R team may answer a ticket or resolve a WeCom customer to the member', () => {
    for (const action of ['ticket.reply', 'member.lookup'] as const) {
      const allowed = cells.filter(([a, role, relation]) => a === action && decide(principalFor(role), a, relation).allow).map(([, role, relation]) => `${role}:${relation}`);
      expect(allowed.sort()).toEqual(['family_doctor:own_team', 'health_butler:own_team', 'insurance_consultant:own_team', 'rights_consultant:own_team']);
    }
  });

  it('grants are only ever of the four known kinds', () => {
    for (const rule of Object.values(POLICY)) {
      for (const grant of Object.values(rule.grants)) expect(['self', 'own_team', 'on_request', 'any']).toContain(grant);
    }
  });
});

describe('relationOf', () => {
  const subject = { memberId: 'm1', team: { family_doctor: 'doc1', insurance_consultant: 'ins1' } };
  const doctor: Principal = { kind: 'staff', staffId: 'doc1', role: 'family_doctor' };
  const insurer: Principal = { kind: 'staff', staffId: 'ins1', role: 'insurance_consultant' };

  it('tells self from other members', () => {
    expect(relationOf({ kind: 'member', memberId: 'm1' }, subject)).toBe('self');
    expect(relationOf({ kind: 'member', memberId: 'm2' }, subject)).toBe('other');
  });

  it('own team means assigned in the same role', () => {
    expect(relationOf(doctor, subject)).toBe('own_team');
    expect(relationOf({ kind: 'staff', staffId: 'doc2', role: 'family_doctor' }, subject)).toBe('other');
    // The staff id is on the team, but as doctor; acting as butler they are not this member's butler.
    expect(relationOf({ kind: 'staff', staffId: 'doc1', role: 'health_butler' }, subject)).toBe('other');
  });

  it('a ticket routed to the doctor is not readable by the same member\'s insurance consultant', () => {
    const ticket = { ...subject, assignedRole: 'family_doctor' as const };
    expect(decide(doctor, 'ticket.read', relationOf(doctor, ticket)).allow).toBe(true);
    expect(decide(insurer, 'ticket.read', relationOf(insurer, ticket))).toEqual({ allow: false, reason: 'not_own_team' });
  });

  it('ops acts on a member\'s data only with a verified request from that member', () => {
    const ops: Principal = { kind: 'staff', staffId: 'ops1', role: 'ops_admin' };
    expect(decide(ops, 'member.delete', relationOf(ops, subject))).toEqual({ allow: false, reason: 'no_verified_request' });
    expect(decide(ops, 'member.delete', relationOf(ops, { ...subject, verifiedRequest: true })).allow).toBe(true);
    expect(decide(ops, 'health.read', relationOf(ops, { ...subject, verifiedRequest: true }))).toEqual({ allow: false, reason: 'no_health_content' });
  });

  it('no subject means an aggregate request', () => {
    const sup: Principal = { kind: 'staff', staffId: 'sup1', role: 'supervisor' };
    expect(relationOf(sup)).toBe('none');
    expect(decide(sup, 'stats.read', relationOf(sup)).allow).toBe(true);
    expect(decide(sup, 'health.read', relationOf(sup, subject))).toEqual({ allow: false, reason: 'aggregate_only' });
  });
});
