import { AppError, NotFoundError, ValidationError } from '../../errors';
import { checkSubmission, type HealthForm, type HealthFormSubmission } from '../../domain/health/form';
import { assessRisk, type RiskFactor } from '../../domain/health/risk';
import { buildPlan } from '../../domain/health/plan';
import { deriveTags } from '../../domain/health/tags';
import type { Tag } from '../../domain/health/tag-catalogue';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { RiskTier } from '../../domain/team/roles';
import type { AuditActor } from '../../ports/audit-log';
import { createMemberRepository } from '../members/member-repository';
import type { Member } from '../members/member';
import { claimSubmission, submissionHash } from './form-submissions';
import { createTagSync } from '../members/tag-sync';
import type { IntakeDeps } from './deps';
import { isKnownConsentVersion } from './consent';
import { completeIntakeFollowUp } from './follow-ups';
import { createPlanStore, planKeyPrefix, type PlanStore } from './plans';
import { createProfileStore, type ConsentRecord } from './profile-store';
import { renewConsent } from './re-consent';
import { ownConsent } from './own-consent';
import { consentRequired } from './member-gate';
import { createOutcomeEventLog } from '../outcomes/outcome-events';

export interface SubmitFormResult {
  memberId: string;
  version: number;
  tier: RiskTier;
  score: number;
  factors: RiskFactor[];
  tags: Tag[];
  plan: ScheduleEntry[];
  /** False when WeCom could not be reached; the tags are stored and mirrored on the next change. */
  tagsMirrored: boolean;
  /** False when the reminder capability did not accept the plan; the plan is stored either way. */
  planScheduled: boolean;
  /** Points credited for completing the form (0 on resubmission). */
  pointsAwarded: number;
}

/**
 * The light health form (docs/prd.md §2.1.1, §4.5 step 2). No affirmative consent → 422 and nothing is
 * stored or processed (PIPL: separate consent for sensitive personal information). A valid form
 * becomes a new profile version; risk tier, smart tags and the personal plan follow from it. From a
 * member who had withdrawn the consent, the form's consent renews it (re-consent.ts); an erased
 * member is refused (404).
 *
 * Only the member can consent: a form staff enter for a member (a clinician's `?memberId=`) is
 * taken only when the member already consented themself, and the version records that consent,
 * not the staff's tick — else 409 `consent_required` and nothing is stored. Consent given again
 * after a withdrawal needs the member's own login (`ownLogin`), not the forwardable welcome link.
 */
export async function submitHealthForm(deps: IntakeDeps, memberId: string, body: unknown, actor: AuditActor, by: { ownLogin?: boolean; submissionKey?: string } = {}): Promise<SubmitFormResult> {
  const checked = checkSubmission(body);
  if (!checked.ok) {
    const summary = checked.fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    if (checked.code === 'consent_required') {
      throw new AppError('consent_required', `explicit consent to processing health data is required: ${summary}`, 422, { fields: checked.fields });
    }
    throw new ValidationError(`invalid health form: ${summary}`, checked.fields);
  }
  if (!isKnownConsentVersion(checked.value.consent.textVersion)) {
    const fields = [{ field: 'consent.textVersion', message: 'not a consent text we published' }];
    throw new AppError('consent_required', 'consent.textVersion: not a consent text we published', 422, { fields });
  }
  const members = createMemberRepository(deps.store);
  const member = await members.get(memberId);
  if (!member || member.status === 'erased') throw new NotFoundError('member');

  // A submission key makes a double tap or a retry one version: the later request answers with the first's.
  const claim = by.submissionKey
    ? await claimSubmission(deps.store, memberId, by.submissionKey, submissionHash(checked.value as unknown as Record<string, unknown>), deps.clock.nowMs())
    : undefined;
  if (claim && !claim.first) return resultOfVersion(deps, member, claim.version);
  try {
    const result = await storeSubmission(deps, member, checked.value, actor, by);
    await claim?.done(result.version);
    return result;
  } catch (err) {
    await claim?.release().catch(() => undefined);
    throw err;
  }
}

/** What a repeated submission key answers: the first submission's version, as stored. */
async function resultOfVersion(deps: IntakeDeps, member: Member, version: number): Promise<SubmitFormResult> {
  const stored = await createProfileStore(deps.store, deps.cipher).version(member._id, version);
  if (!stored) throw new NotFoundError('profile version');
  const plan = await createPlanStore(deps.store, deps.cipher).get(member._id);
  const samePlan = plan?.version === version;
  const risk = { tier: stored.tier, score: stored.assessment.score, factors: stored.assessment.factors };
  const tags = deriveTags({ form: stored.form, risk, ...(member.scene && { scene: member.scene }), behaviour: { checkUpReportUploaded: member.checkUpReportAtMs !== undefined } });
  return {
    memberId: member._id,
    version,
    tier: stored.tier,
    score: risk.score,
    factors: risk.factors,
    tags,
    plan: samePlan ? plan.entries : buildPlan(stored.form, risk, stored.submittedAtMs),
    tagsMirrored: false,
    planScheduled: samePlan && plan.scheduledAtMs !== undefined,
    pointsAwarded: 0,
  };
}

/** Mirrors the member's health tags to their WeCom contact; best effort (false when it failed, logged). */
async function mirrorTags(deps: IntakeDeps, memberId: string, tags: ReturnType<typeof deriveTags>): Promise<boolean> {
  try {
    return (await createTagSync(deps).apply(memberId, tags)).mirrored;
  } catch (err) {
    deps.log.warn('tag mirroring failed', { memberId, error: err instanceof Error ? err.message : 'unknown' });
    return false;
  }
}

/** Schedules the new plan's reminders and retires the replaced plans'; best effort (false when not scheduled). */
async function scheduleNewPlan(deps: IntakeDeps, plans: PlanStore, memberId: string, version: number, plan: ScheduleEntry[], retired: string[]): Promise<boolean> {
  try {
    // One active plan per member: the plans we replaced stop (a failure here leaves them on the
    // plan's list to retire, and the next replacement cancels them)…
    if (retired.length) {
      await deps.cancelReminders(retired, 'plan_replaced');
      await plans.settleRetired(memberId, retired);
    }
    const ids = await deps.scheduleReminders(memberId, plan, { idempotencyKeyPrefix: planKeyPrefix(memberId, version) });
    const planScheduled = await plans.markScheduled(memberId, version, deps.clock.nowMs(), ids);
    // …and when a newer submission replaced ours meanwhile, it may have retired our ids before we
    // made them: ours go here. A data-driven revision of our version (plan-adaptation.ts) also
    // fails this mark, but keeps our one-offs (carried): those stay.
    if (!planScheduled) {
      const carried = new Set(await plans.carriedReminders(memberId, version));
      await deps.cancelReminders(ids.filter((id) => !carried.has(id)), 'plan_replaced');
    }
    return planScheduled;
  } catch (err) {
    deps.log.warn('plan scheduling failed', { memberId, version, error: err instanceof Error ? err.message : 'unknown' });
    return false;
  }
}

/** docs/prd.md §2.5: completing the health form earns points — once per member, whatever the resubmissions. */
async function awardFormPoints(deps: IntakeDeps, memberId: string, version: number): Promise<number> {
  if (!deps.awardPoints) return 0;
  try {
    return await deps.awardPoints(memberId, 'form_completed', `intake:form:v${version}`, `intake:form_completed:${memberId}`);
  } catch (err) {
    deps.log.warn('form points not awarded', { memberId, error: err instanceof Error ? err.message : 'unknown' });
    return 0;
  }
}

async function storeSubmission(deps: IntakeDeps, member: Member, submission: HealthFormSubmission, actor: AuditActor, by: { ownLogin?: boolean }): Promise<SubmitFormResult> {
  const memberId = member._id;
  const members = createMemberRepository(deps.store);
  const { consent, ...form } = submission;
  const bySelf = actor.kind === 'member' && actor.id === memberId;
  if (member.status === 'consent_withdrawn') await renewConsent(deps, member, consent.textVersion, actor, by.ownLogin === true);
  const standing = bySelf ? null : await ownConsent(deps.store, memberId);
  if (!bySelf && !standing) throw consentRequired();
  const healthForm: HealthForm = form;
  const now = deps.clock.nowMs();
  const risk = assessRisk(healthForm);
  const consentRecord: ConsentRecord = standing
    ? { healthDataProcessing: true, textVersion: standing.textVersion, recordedAtMs: standing.recordedAtMs }
    : { ...consent, healthDataProcessing: true, recordedAtMs: now };

  const version = await createProfileStore(deps.store, deps.cipher).append({
    memberId,
    submittedAtMs: now,
    submittedBy: actor,
    consent: consentRecord,
    tier: risk.tier,
    form: healthForm,
    assessment: { score: risk.score, factors: risk.factors },
  });
  if (bySelf) {
    await deps.audit.append({
      actor,
      action: 'health.consent',
      subjectMemberId: memberId,
      outcome: 'done',
      meta: { textVersion: consent.textVersion, profileVersion: version },
    });
  }

  const plan = buildPlan(healthForm, risk, now);
  const plans = createPlanStore(deps.store, deps.cipher);
  const { current: planIsCurrent, retired } = await plans.replace(memberId, { version, tier: risk.tier, entries: plan, builtAtMs: now });

  // Only the newest version may set the member's tier (a slower, older submission must not win).
  await members.profileApplied(memberId, version, risk.tier, now);
  await members.formCompleted(memberId, now);
  // 健康档案完成率 (docs/prd.md §8.1) counts members with a completed form; each version is its own step.
  await createOutcomeEventLog(deps.store).record({ type: 'form_completed', memberId, key: String(version), atMs: now });
  await completeIntakeFollowUp(deps.store, memberId, now);

  const tags = deriveTags({
    form: healthForm,
    risk,
    ...(member.scene && { scene: member.scene }),
    behaviour: { checkUpReportUploaded: member.checkUpReportAtMs !== undefined },
  });
  const tagsMirrored = planIsCurrent && (await mirrorTags(deps, memberId, tags));
  const planScheduled = planIsCurrent && (await scheduleNewPlan(deps, plans, memberId, version, plan, retired));
  const pointsAwarded = await awardFormPoints(deps, memberId, version);

  return { memberId, version, tier: risk.tier, score: risk.score, factors: risk.factors, tags, plan, tagsMirrored, planScheduled, pointsAwarded };
}
