import { NotFoundError } from '../../errors';
import type { RiskFactor } from '../../domain/health/risk';
import type { Tag } from '../../domain/health/tag-catalogue';
import type { HealthForm } from '../../domain/health/form';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { FourRRole, RiskTier, Scene } from '../../domain/team/roles';
import { MEMBERS, type IntakeStatus, type Member, type MemberStatus } from '../members/member';
import { fromMemberTags } from '../members/tag-sync';
import { openDisplayName } from '../members/display-name';
import { staffByIds } from '../team/roster';
import type { IntakeDeps } from './deps';
import { createPlanStore } from './plans';
import { createProfileStore } from './profile-store';
import { listReadings, type ReadingView } from './readings';
import { listExamReports, type ReportView } from './reports';

type ReadDeps = Pick<IntakeDeps, 'store' | 'cipher'>;

export interface ProfileSummary {
  memberId: string;
  /**
   * The member's display name (staff remark or WeChat name, members/display-name.ts); null until
   * WeCom answered. The routes serving this are authorized `profile.read`: the member and their team.
   */
  name: string | null;
  status: MemberStatus;
  scene: Scene | null;
  joinedAtMs: number;
  team: Partial<Record<FourRRole, { userId: string; name: string | null }>>;
  intakeStatus: IntakeStatus;
  profileVersion: number | null;
  tier: RiskTier | null;
  tags: Tag[];
}

export interface HealthProfile extends ProfileSummary {
  current: {
    version: number;
    submittedAtMs: number;
    consent: { textVersion: string; acceptedAtMs?: number; recordedAtMs: number };
    form: HealthForm;
    score: number;
    factors: RiskFactor[];
  } | null;
  /** Every submission, newest first: resubmissions never overwrite. */
  history: { version: number; submittedAtMs: number; tier: RiskTier; consentTextVersion: string }[];
  plan: { version: number; builtAtMs: number; scheduled: boolean; entries: ScheduleEntry[] } | null;
  readings: ReadingView[];
  reports: ReportView[];
}

/** Tag dimensions that say nothing clinical, for callers without health access (tier.read). */
const NON_CLINICAL = new Set(['risk_level', 'insurance_need']);

async function memberOrThrow(deps: ReadDeps, memberId: string): Promise<Member> {
  const member = await deps.store.collection<Member>(MEMBERS).get(memberId);
  if (!member || member.status === 'erased') throw new NotFoundError('member');
  return member;
}

async function summaryOf(deps: ReadDeps, member: Member, clinical: boolean): Promise<ProfileSummary> {
  const names = await staffByIds(deps.store, Object.values(member.team).filter((v): v is string => !!v));
  const team: ProfileSummary['team'] = {};
  for (const [role, userId] of Object.entries(member.team) as [FourRRole, string][]) {
    team[role] = { userId, name: names.get(userId)?.name ?? null };
  }
  const tags = fromMemberTags(member.tags ?? []).filter((t) => clinical || NON_CLINICAL.has(t.dimension));
  return {
    memberId: member._id,
    name: openDisplayName(deps.cipher, member),
    status: member.status,
    scene: member.scene ?? null,
    joinedAtMs: member.joinedAtMs,
    team,
    intakeStatus: member.intakeStatus ?? (member.formCompletedAtMs ? 'completed' : 'pending'),
    profileVersion: member.profileVersion ?? null,
    tier: member.tier ?? null,
    tags,
  };
}

/** Who the member is, their team, tier and non-clinical tags (profile.read + tier.read). */
export async function readProfileSummary(deps: ReadDeps, memberId: string): Promise<ProfileSummary> {
  return summaryOf(deps, await memberOrThrow(deps, memberId), false);
}

/** Everything intake holds about the member, decrypted (profile.read + health.read). */
export async function readHealthProfile(deps: ReadDeps, memberId: string): Promise<HealthProfile> {
  const member = await memberOrThrow(deps, memberId);
  const profiles = createProfileStore(deps.store, deps.cipher);
  const [summary, current, history, plan, readings, reports] = await Promise.all([
    summaryOf(deps, member, true),
    profiles.current(memberId),
    profiles.history(memberId),
    createPlanStore(deps.store, deps.cipher).get(memberId),
    listReadings(deps, memberId, 20),
    listExamReports(deps, memberId),
  ]);
  return {
    ...summary,
    current: current && {
      version: current.version,
      submittedAtMs: current.submittedAtMs,
      consent: { textVersion: current.consent.textVersion, ...(current.consent.acceptedAtMs !== undefined && { acceptedAtMs: current.consent.acceptedAtMs }), recordedAtMs: current.consent.recordedAtMs },
      form: current.form,
      score: current.assessment.score,
      factors: current.assessment.factors,
    },
    history,
    plan: plan && { version: plan.version, builtAtMs: plan.builtAtMs, scheduled: plan.scheduledAtMs !== undefined, entries: plan.entries },
    readings,
    reports,
  };
}
