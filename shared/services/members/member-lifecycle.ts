import { DuplicateKeyError } from '../../errors';
import type { Collection, Filter, Update } from '../../ports/document-store';
import type { FourRRole } from '../../domain/team/roles';
import { REDACTED_AT } from '../privacy/redaction-marker';
import type { EncryptedField } from '../../ports/field-cipher';
import type { Member, MemberTag, WelcomeStatus } from './member';

/**
 * Every write to the member document, as named transitions: the one place to read a member's life.
 *
 *   (none) ──joined──▶ active ──consentWithdrawn──▶ consent_withdrawn ──consentGiven──▶ active
 *                        │                                 │
 *                        └──────────erased─────────────────┴──▶ erased ──(redacted by the data map)──▶
 *                                                                tombstone ──rejoined──▶ active (new membership)
 *
 * Beside the status, a membership moves through: welcome recorded (sent / no code / final failure),
 * team slots filled and freed, customer groups joined and left, intake form pending → completed
 * (or low cooperation after three weeks without it), exam report uploaded, smart tags stored and
 * mirrored to WeCom, and low cooperation with the reminder cadence. The mini-program OPENID is bound
 * once by `bindOpenId` (member-repository.ts), together with its binding document.
 *
 * Each transition is a compare-and-set: the filter names the state it starts from, and the result
 * says whether that state still held (`true`) or another writer moved the member first (`false`);
 * the caller decides what a lost race means. Guards that only keep a write off an erased member's
 * tombstone (`NOT_ERASED`) matter only when an erasure races the write: the tombstone must hold
 * nothing but the erasure's instants. The erasure's own redaction of this document is the generic
 * one of the member-data map (privacy/member-docs.ts), which knows every collection's tombstone.
 */
export interface MemberTransitions {
  /** A first join: the new member, or `false` when the id exists already (a concurrent join won). */
  joined(member: Member): Promise<boolean>;
  /** A known, not erased member joins again: fills what the first join left empty (`fill` is from the caller). */
  joinedAgain(memberId: string, fill: Record<string, unknown>): Promise<boolean>;
  /** erased (tombstone complete) → active: a new membership on the same id, nothing carried over. */
  rejoined(fresh: Member): Promise<boolean>;
  /** The outcome of the join's one welcome message. */
  welcomeRecorded(memberId: string, status: WelcomeStatus, atMs: number): Promise<boolean>;
  /** No welcome code came with the join (console-configured welcome, 免验证 re-add): only when none is recorded. */
  welcomeWithoutCode(memberId: string, atMs: number): Promise<boolean>;
  /** A 4R slot gets its person (the assignment doc decides who; this mirrors it on the member). */
  teamSlotFilled(memberId: string, role: FourRRole, staffId: string): Promise<boolean>;
  /** A person left the roster or role: their slot is freed only if it still names them. */
  teamSlotFreed(memberId: string, role: FourRRole, staffId: string, nowMs: number): Promise<boolean>;
  /** The member's customer groups, replaced only if the document is the version read (`readUpdatedAtMs`). */
  groupsChanged(memberId: string, groups: string[], readUpdatedAtMs: number, nowMs: number): Promise<boolean>;
  /** A health-form version is applied (tier, intake completed) only when newer than the one the member shows. */
  profileApplied(memberId: string, version: number, tier: Member['tier'], nowMs: number): Promise<boolean>;
  /** The first completed form's instant; later forms leave it. */
  formCompleted(memberId: string, nowMs: number): Promise<boolean>;
  /** Three weeks without the form (intake follow-up): only an active member who has not completed it. */
  intakeLowCooperation(memberId: string, nowMs: number): Promise<boolean>;
  /** Three weeks without answering the reminder cadence (reminders): the staff's low-cooperation list. */
  followUpLowCooperation(memberId: string, nowMs: number): Promise<boolean>;
  /** A physical-exam report was recorded for an active member. */
  checkUpReportUploaded(memberId: string, nowMs: number): Promise<boolean>;
  /** Smart tags stored: in any state, since withdrawal and erasure clear them through here too. */
  tagsStored(memberId: string, tags: MemberTag[], nowMs: number): Promise<boolean>;
  /** The corp tag ids mark_tag last applied to the contact (same: any state). */
  tagsMirrored(memberId: string, wecomTagIds: string[]): Promise<boolean>;
  /**
   * The display name fetched from WeCom (already encrypted by the caller), for the contact it was
   * fetched for: never onto an erased member's tombstone, nor after the member changed contact.
   */
  displayNameFetched(memberId: string, externalUserId: string, displayName: EncryptedField, nowMs: number, readAtMs: number | undefined): Promise<boolean>;
  /** active → consent_withdrawn. */
  consentWithdrawn(memberId: string, nowMs: number): Promise<boolean>;
  /** After a withdrawal: the fields the health form set go, while the member is still withdrawn. */
  formDerivedCleared(memberId: string, nowMs: number): Promise<boolean>;
  /** consent_withdrawn → active: the member consented again on the health form. */
  consentGiven(memberId: string, nowMs: number): Promise<boolean>;
  /** active or consent_withdrawn → erased: every capability refuses the id from now on. */
  erased(memberId: string, nowMs: number): Promise<boolean>;
}

const NOT_ERASED: Filter = { status: { $ne: 'erased' } };
/** Member fields that come from the health form (withdrawal clears them; the rest of the member stays). */
const FORM_DERIVED_FIELDS = ['tier', 'profileVersion', 'checkUpReportAtMs'] as const;

export function createMemberTransitions(members: Collection<Member>): MemberTransitions {
  const cas = async (filter: Filter, update: Update) => (await members.updateOne(filter, update)).matched > 0;
  return {
    async joined(member) {
      try {
        await members.insert(member);
        return true;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        return false;
      }
    },
    joinedAgain: (memberId, fill) => cas({ _id: memberId, ...NOT_ERASED }, { $set: fill }),
    rejoined: ({ _id, ...fields }) =>
      cas({ _id, status: 'erased', [REDACTED_AT]: { $exists: true } }, { $set: fields, $unset: { erasedAtMs: true, [REDACTED_AT]: true } }),

    welcomeRecorded: (memberId, status, atMs) => cas({ _id: memberId, ...NOT_ERASED }, { $set: { welcome: { status, atMs } } }),
    welcomeWithoutCode: (memberId, atMs) => cas({ _id: memberId, welcome: { $exists: false } }, { $set: { welcome: { status: 'no_code', atMs } } }),

    teamSlotFilled: (memberId, role, staffId) => cas({ _id: memberId, ...NOT_ERASED }, { $set: { [`team.${role}`]: staffId } }),
    teamSlotFreed: (memberId, role, staffId, nowMs) => cas({ _id: memberId, [`team.${role}`]: staffId }, { $unset: { [`team.${role}`]: true }, $set: { updatedAtMs: nowMs } }),
    groupsChanged: (memberId, groups, readUpdatedAtMs, nowMs) => cas({ _id: memberId, updatedAtMs: readUpdatedAtMs }, { $set: { groups, updatedAtMs: nowMs } }),

    profileApplied: (memberId, version, tier, nowMs) =>
      cas(
        { _id: memberId, $or: [{ profileVersion: { $exists: false } }, { profileVersion: { $lt: version } }] },
        { $set: { tier, profileVersion: version, intakeStatus: 'completed', updatedAtMs: nowMs } },
      ),
    formCompleted: (memberId, nowMs) => cas({ _id: memberId, formCompletedAtMs: { $exists: false } }, { $set: { formCompletedAtMs: nowMs } }),
    intakeLowCooperation: (memberId, nowMs) =>
      cas({ _id: memberId, status: 'active', formCompletedAtMs: { $exists: false } }, { $set: { intakeStatus: 'low_cooperation', updatedAtMs: nowMs } }),
    followUpLowCooperation: (memberId, nowMs) =>
      cas({ _id: memberId, ...NOT_ERASED }, { $set: { followUpStatus: 'low_cooperation', lowCooperationAtMs: nowMs, updatedAtMs: nowMs } }),
    checkUpReportUploaded: (memberId, nowMs) => cas({ _id: memberId, status: 'active' }, { $set: { checkUpReportAtMs: nowMs, updatedAtMs: nowMs } }),
    tagsStored: (memberId, tags, nowMs) => cas({ _id: memberId }, { $set: { tags, updatedAtMs: nowMs } }),
    tagsMirrored: (memberId, wecomTagIds) => cas({ _id: memberId }, { $set: { wecomTagIds } }),
    // Only over the name that was read before the fetch: a slow fetch started before a newer one (a join's,
    // overtaken by the remark an edit brought) must not put the older name back.
    displayNameFetched: (memberId, externalUserId, displayName, nowMs, readAtMs) =>
      cas(
        { _id: memberId, externalUserId, ...NOT_ERASED, displayNameAtMs: readAtMs === undefined ? { $exists: false } : readAtMs },
        { $set: { displayName, displayNameAtMs: nowMs } },
      ),

    consentWithdrawn: (memberId, nowMs) => cas({ _id: memberId, status: 'active' }, { $set: { status: 'consent_withdrawn', consentWithdrawnAtMs: nowMs, updatedAtMs: nowMs } }),
    formDerivedCleared: (memberId, nowMs) =>
      cas({ _id: memberId, status: 'consent_withdrawn' }, { $unset: Object.fromEntries(FORM_DERIVED_FIELDS.map((f) => [f, true as const])), $set: { updatedAtMs: nowMs } }),
    consentGiven: (memberId, nowMs) => cas({ _id: memberId, status: 'consent_withdrawn' }, { $set: { status: 'active', updatedAtMs: nowMs }, $unset: { consentWithdrawnAtMs: true } }),
    erased: (memberId, nowMs) => cas({ _id: memberId, ...NOT_ERASED }, { $set: { status: 'erased', erasedAtMs: nowMs, updatedAtMs: nowMs } }),
  };
}
