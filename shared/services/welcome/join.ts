import { ConflictError } from '../../errors';
import { deriveTags } from '../../domain/health/tags';
import type { Scene } from '../../domain/team/roles';
import type { ExternalContactEvent } from '../../ports/wecom-callback-events';
import type { AppDeps } from '../../runtime/deps';
import { memberIdForExternalUser, type Member, type WelcomeStatus } from '../members/member';
import { createMemberRepository, type MemberRepository } from '../members/member-repository';
import { refreshDisplayName } from '../members/display-name';
import { createTagSync, fromMemberTags } from '../members/tag-sync';
import { assignTeam } from '../team/assign-team';
import { staffByIds } from '../team/roster';
import { startIntakeFollowUp } from '../intake/follow-ups';
import { REDACTED_AT } from '../privacy/redaction-marker';
import { findContactWay } from './contact-ways';
import { formUrl, signMemberLink } from './member-link';
import { decodeSceneState } from './scene-state';
import { composeWelcome } from './welcome-message';
import { sendWelcomeOnce } from './welcome-send';
import type { OutboundReviewStep } from '../review/review-step';
import { recordJoined, recordWelcomed } from './join-outcomes';

export type JoinDeps = Pick<AppDeps, 'config' | 'store' | 'clock' | 'log' | 'wecom' | 'cipher' | 'tokens' | 'audit'> & {
  /** The outbound review the welcome text passes, built once by the function's composition root (functions/welcome/wiring.ts), rules only. */
  review: OutboundReviewStep;
  /** AppDeps' member repository (built once per cold start); without it (tests), one is made per call. */
  members?: MemberRepository;
};

export interface JoinResult {
  memberId: string;
  created: boolean;
  scene: Scene | null;
  welcome: WelcomeStatus;
}

/** A CreateTime further ahead of our clock than this is not trusted as the join time. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * A customer added a staff member (add_external_contact / add_half_external_contact):
 * member (created, completed, or started anew after an erasure) → 4R team → welcome within the code's 20 s → outcome events
 * (joined, welcomed: shared/services/welcome/join-outcomes.ts) → display name
 * (externalcontact/get, only while none is stored; a failure leaves it empty and never fails the join) → intake follow-up →
 * WeCom tags. Welcome comes before anything that can wait, and never throws; every other step is
 * idempotent, so when a later step fails and the inbox retries the event, the replay only finishes
 * what is missing (the welcome record says it was already sent or is final).
 */
export async function handleJoin(deps: JoinDeps, event: ExternalContactEvent): Promise<JoinResult> {
  const receivedAtMs = deps.clock.nowMs();
  const decoded = decodeSceneState(event.state);
  const way = decoded || !event.state ? null : await findContactWay(deps.store, event.state);
  const scene = decoded?.scene ?? way?.scene;
  const campaign = decoded?.campaign ?? way?.campaign;
  const memberId = memberIdForExternalUser(deps.config.WECOM_CORP_ID, event.externalUserId);
  const joinedAtMs = Math.min(event.createTimeS * 1000, receivedAtMs + MAX_FUTURE_SKEW_MS);

  const { member, created } = await upsertMember(deps, { memberId, event, scene, campaign, joinedAtMs, nowMs: receivedAtMs });
  const { team } = await assignTeam(deps, memberId, member.scene);

  let welcome: WelcomeStatus = 'no_code';
  if (event.welcomeCode) {
    const staff = await staffByIds(deps.store, Object.values(team).filter((v): v is string => !!v));
    const teamNames = Object.fromEntries(Object.entries(team).map(([role, id]) => [role, staff.get(id as string)?.name ?? '']).filter(([, n]) => n));
    const token = signMemberLink(deps.tokens, memberId, receivedAtMs);
    const content = composeWelcome({ scene: member.scene, teamNames, formUrl: formUrl(deps.config.PUBLIC_BASE_URL, token) });
    welcome = await sendWelcomeOnce(deps, { memberId, welcomeCode: event.welcomeCode, content, receivedAtMs });
  } else if (!member.welcome) {
    // A welcome configured in the admin console (no code is pushed then) or a 免验证 re-add.
    await (deps.members ?? createMemberRepository(deps.store)).welcomeWithoutCode(memberId, receivedAtMs);
  }

  // After the welcome (its code lives 20 s). Keyed by the membership's join instant: replays and
  // re-adds through another staff member's code record nothing new.
  await recordJoined(deps.store, member, 'contact');
  if (welcome === 'sent') await recordWelcomed(deps.store, member, deps.clock.nowMs());

  // Also after the welcome; a replay finds the name stored and fetches nothing.
  await refreshDisplayName(deps, memberId);

  if (!member.formCompletedAtMs) await startIntakeFollowUp(deps.store, memberId, member.joinedAtMs, receivedAtMs);

  // Before the form there is only the scene to tag; after it, the stored tags (tier etc.) are mirrored again.
  const tags = member.tags?.length ? fromMemberTags(member.tags) : deriveTags(member.scene ? { scene: member.scene } : {});
  if (tags.length) await createTagSync(deps).apply(memberId, tags);

  deps.log.info('member joined', { memberId, created, scene: member.scene ?? null, welcome });
  return { memberId, created, scene: member.scene ?? null, welcome };
}

async function upsertMember(
  deps: JoinDeps,
  i: { memberId: string; event: ExternalContactEvent; scene: Scene | undefined; campaign: string | undefined; joinedAtMs: number; nowMs: number },
): Promise<{ member: Member; created: boolean }> {
  const members = deps.members ?? createMemberRepository(deps.store);
  const existing = await members.get(i.memberId);
  const doc: Member = {
    _id: i.memberId,
    externalUserId: i.event.externalUserId,
    addedBy: i.event.userId,
    ...(i.scene && { scene: i.scene }),
    ...(i.campaign && { campaign: i.campaign }),
    team: {},
    status: 'active',
    intakeStatus: 'pending',
    joinedAtMs: i.joinedAtMs,
    updatedAtMs: i.nowMs,
  };
  if (!existing && (await members.joined(doc))) return { member: doc, created: true };
  // Known member (another staff member's code, a re-add, a concurrent join): fill what is missing,
  // never overwrite the first scene or the staff member who brought them in. A member who withdrew
  // the health-data consent stays so: they give it again on the form the welcome links to.
  const current = existing ?? (await members.get(i.memberId));
  if (!current) throw new Error('member vanished during join');
  if (current.status === 'erased') return rejoin(deps, members, current, doc);
  const fill: Record<string, unknown> = { externalUserId: i.event.externalUserId, updatedAtMs: i.nowMs };
  if (!current.addedBy) fill.addedBy = i.event.userId;
  if (!current.scene && i.scene) fill.scene = i.scene;
  if (!current.campaign && i.campaign) fill.campaign = i.campaign;
  await members.joinedAgain(i.memberId, fill);
  return { member: { ...current, ...fill } as Member, created: false };
}

/**
 * An erased customer adds a staff member again: a new membership on the same (deterministic) id —
 * active, joined now, a fresh team and welcome, nothing carried over (the tombstone holds nothing
 * but the erasure's instants, and every other record was deleted or redacted). Only once the erasure
 * is complete: until the tombstone is written it still holds contact ids and a repeated erasure
 * would wipe the new membership, so the join fails and the callback inbox retries it later.
 */
async function rejoin(deps: JoinDeps, members: MemberRepository, tombstone: Member, fresh: Member): Promise<{ member: Member; created: boolean }> {
  if (tombstone[REDACTED_AT] === undefined) {
    throw new ConflictError('member_erasure_in_progress', 'the member is being erased; the join is retried once the erasure is complete');
  }
  const { _id } = fresh;
  // Compare-and-set on the tombstone: a concurrent replay of the same join starts one membership.
  if (await members.rejoined(fresh)) {
    deps.log.info('erased member rejoined: new membership', { memberId: _id });
    return { member: fresh, created: true };
  }
  const current = await members.get(_id);
  if (!current || current.status === 'erased') throw new Error('member changed during rejoin');
  return { member: current, created: false };
}
