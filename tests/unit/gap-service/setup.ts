import { createStoreAuditLog } from '../../../shared/adapters/audit/store-audit-log';
import { createFieldCipher } from '../../../shared/adapters/crypto/field-cipher';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import type { GapInputRaw } from '../../../shared/domain/gap/input';
import type { RiskTier } from '../../../shared/domain/team/roles';
import { ManualClock } from '../../../shared/ports/clock';
import { createAuthorize } from '../../../shared/services/access/authorize';
import { createStaffSessionCheck } from '../../../shared/services/identity/session-check';
import { createGapAnalysisService } from '../../../shared/services/gap-analysis/gap-analysis-service';
import { AnalyzeRequestSchema, type AnalyzeRequest } from '../../../shared/services/gap-analysis/schemas';
import { MEMBERS, type Member, type MemberStatus } from '../../../shared/services/members/member';
import { createMemberRepository } from '../../../shared/services/members/member-repository';

export const NOW = Date.UTC(2026, 2, 2, 2, 0, 0);
export const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

/** A 35-year-old with a spouse, a child, a mortgage and one medical policy; no tier in the request. */
export const familyInput = (overrides: Partial<GapInputRaw> = {}): GapInputRaw => ({
  age: 35,
  annualIncome: 300_000,
  debts: 1_000_000,
  liquidAssets: 200_000,
  dependants: { children: 1, parents: 0, spouse: true },
  socialInsurance: true,
  policies: [{ type: 'medical', sumAssured: 1_000_000, annualPremium: 300 }],
  ...overrides,
});

export const request = (raw: Record<string, unknown>): AnalyzeRequest => AnalyzeRequestSchema.parse(raw);

export async function setup() {
  const store = createEmbeddedStore({ inMemory: true });
  const clock = new ManualClock(NOW);
  const cipher = createFieldCipher(KEY);
  const audit = createStoreAuditLog(store, { clock });
  const members = createMemberRepository(store);
  const authorize = createAuthorize({ members, audit, store, clock, staffSessions: createStaffSessionCheck(store) });
  const service = createGapAnalysisService({ store, clock, cipher, members, authorize, audit });

  async function addMember(id: string, opts: { tier?: RiskTier; ic?: string; status?: MemberStatus } = {}): Promise<void> {
    const member: Member = {
      _id: id,
      team: { family_doctor: 'doc-1', insurance_consultant: opts.ic ?? 'ic-1' },
      status: opts.status ?? 'active',
      joinedAtMs: NOW,
      updatedAtMs: NOW,
      ...(opts.tier ? { tier: opts.tier } : {}),
    };
    await store.collection<Member>(MEMBERS).insert(member);
  }

  return { store, clock, cipher, audit, members, service, addMember };
}

export const ic = (staffId = 'ic-1') => ({ kind: 'staff', staffId, role: 'insurance_consultant' }) as const;
export const memberP = (memberId: string) => ({ kind: 'member', memberId }) as const;
export const machine = { kind: 'machine', id: 'intake' } as const;
