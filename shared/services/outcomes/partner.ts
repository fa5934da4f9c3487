import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ValidationError } from '../../errors';
import type { Principal } from '../../domain/access/principal';
import { SCENES } from '../../domain/team/roles';
import type { OutcomeEvent } from '../../domain/outcomes/events';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { Authorize } from '../access/authorize';
import { memberIdForExternalUser } from '../members/member';
import { createOutcomeEventLog } from './outcome-events';
import { ensureOutcomeIndexes } from './aggregation';

/**
 * The policy and claims system's side of the outcome metrics (docs/prd.md §8.1 入群率, 保险转化率): it
 * tells us whom it invited into the community and who bought a policy. A machine call with
 * INTERNAL_API_KEY; every report is idempotent by the partner's own id (invitation id, policy id).
 *
 * How an invited customer is matched to a member: by their WeCom external_userid. A member's id is
 * derived from the corp and the external_userid (members/member.ts), so when the partner knows the
 * customer's external_userid (its own WeCom integration: unionid → external_userid) the event lands on
 * the member's id even before they join, and the join makes it count. When it does not know it yet,
 * the event is kept under a provisional subject named by a hash of the partner's customer reference
 * (`partner:<hash>`): it already counts as an invitation, and once any later call names the
 * external_userid for that reference (another report, or `linkCustomer`) the provisional events move
 * to the member and count from the next aggregation on. Contact-way `state`s were not used: they
 * name a staff member's code (30 characters, shared by everyone who scans it), not a person.
 *
 * The customer reference is kept only as that hash, in `partner_customers`, with the member it was
 * linked to (deleted with the member on erasure, privacy/member-data-map.ts).
 */
export const PARTNER_CUSTOMERS = 'partner_customers';

export interface PartnerCustomer extends Doc {
  /** sha256 of the partner's customer reference. */
  _id: string;
  memberId: string;
  linkedAtMs: number;
}

const Id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 _ . : -');
const ExternalUserId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a WeCom external_userid');
/** Clocks differ a little between systems. */
const MAX_FUTURE_MS = 5 * 60_000;
const Instant = z.number().int().min(1_500_000_000_000).max(4_102_444_800_000);

export const InvitationSchema = z.strictObject({
  invitationId: Id,
  /** The partner's opaque customer id (never a phone or ID number). */
  customerRef: Id,
  invitedAtMs: Instant,
  scene: z.enum(SCENES).optional(),
  campaign: z.string().regex(/^[A-Za-z0-9_-]{1,19}$/, 'must be 1–19 characters of A-Z a-z 0-9 _ -').optional(),
  externalUserId: ExternalUserId.optional(),
});
export const PolicySchema = z.strictObject({
  policyId: Id,
  customerRef: Id,
  boughtAtMs: Instant,
  externalUserId: ExternalUserId.optional(),
});
export const LinkSchema = z.strictObject({ customerRef: Id, externalUserId: ExternalUserId });

export type Invitation = z.infer<typeof InvitationSchema>;
export type PolicyPurchase = z.infer<typeof PolicySchema>;

export interface PartnerReportResult {
  recorded: boolean;
  /** The member the report was matched to, or null while the customer is known only by reference. */
  matched: boolean;
}

const refHash = (customerRef: string): string => createHash('sha256').update(`partner-customer\n${customerRef}`).digest('base64url').slice(0, 32);
export const provisionalSubject = (customerRef: string): string => `partner:${refHash(customerRef)}`;

export interface PartnerDeps {
  store: DocumentStore;
  authorize: Authorize;
  clock: { nowMs(): number };
  corpId: string;
}

export function createPartnerReports(deps: PartnerDeps) {
  const customers = deps.store.collection<PartnerCustomer>(PARTNER_CUSTOMERS);
  const log = createOutcomeEventLog(deps.store);

  /** Moves what was recorded under the reference's provisional subject to the member (copy, then delete: a re-run finishes it). */
  async function link(customerRef: string, memberId: string): Promise<void> {
    const _id = refHash(customerRef);
    await customers.updateOne({ _id }, { $set: { memberId }, $setOnInsert: { linkedAtMs: deps.clock.nowMs() } }, { upsert: true });
    await log.reassign(provisionalSubject(customerRef), memberId);
  }

  /** The member a report is about: named by external_userid, else by an earlier link, else provisional. */
  async function subjectOf(principal: Principal, customerRef: string, externalUserId: string | undefined): Promise<{ memberId: string; matched: boolean }> {
    if (externalUserId) {
      const memberId = memberIdForExternalUser(deps.corpId, externalUserId);
      await deps.authorize(principal, 'outcomes.report', memberId);
      await link(customerRef, memberId);
      return { memberId, matched: true };
    }
    const known = await customers.get(refHash(customerRef));
    await deps.authorize(principal, 'outcomes.report', known?.memberId);
    return known ? { memberId: known.memberId, matched: true } : { memberId: provisionalSubject(customerRef), matched: false };
  }

  async function report(principal: Principal, customerRef: string, externalUserId: string | undefined, event: Omit<OutcomeEvent, 'memberId'>, field: string): Promise<PartnerReportResult> {
    // Something that has not happened yet would count in a day still to come: refused, naming the field.
    if (event.atMs > deps.clock.nowMs() + MAX_FUTURE_MS) throw new ValidationError(`${field}: must not be in the future`, [{ field, message: 'must not be in the future' }]);
    await ensureOutcomeIndexes(deps.store);
    const { memberId, matched } = await subjectOf(principal, customerRef, externalUserId);
    const recorded = await log.record({ ...event, memberId });
    if (!matched) {
      // A link made between reading the reference and recording here has already moved the provisional
      // events: look again, so this one follows instead of staying behind, uncounted.
      const linked = await customers.get(refHash(customerRef));
      if (linked) await log.reassign(memberId, linked.memberId);
    }
    return { recorded, matched };
  }

  return {
    /** `invited`, key: the invitation id; data: the scene and campaign the invitation was for. */
    invited(principal: Principal, i: Invitation): Promise<PartnerReportResult> {
      const data = { ...(i.scene && { scene: i.scene }), ...(i.campaign && { campaign: i.campaign }) };
      return report(principal, i.customerRef, i.externalUserId, { type: 'invited', key: i.invitationId, atMs: i.invitedAtMs, ...(Object.keys(data).length && { data }) }, 'invitedAtMs');
    },
    /** `policy_bought`, key: the policy id. No product, premium or health detail is kept. */
    policyBought(principal: Principal, p: PolicyPurchase): Promise<PartnerReportResult> {
      return report(principal, p.customerRef, p.externalUserId, { type: 'policy_bought', key: p.policyId, atMs: p.boughtAtMs }, 'boughtAtMs');
    },
    /** The partner learnt the customer's external_userid: what it reported by reference moves to the member. */
    async linkCustomer(principal: Principal, l: z.infer<typeof LinkSchema>): Promise<{ memberId: string }> {
      const memberId = memberIdForExternalUser(deps.corpId, l.externalUserId);
      await deps.authorize(principal, 'outcomes.report', memberId);
      await ensureOutcomeIndexes(deps.store);
      await link(l.customerRef, memberId);
      return { memberId };
    },
  };
}

export type PartnerReports = ReturnType<typeof createPartnerReports>;
