import * as z from 'zod';
import { AppError, ForbiddenError } from '../../errors';
import type { TokenSigner } from '../../ports/tokens';
import { STAFF_ROSTER, type StaffMember } from '../team/roster';
import type { Doc, DocumentStore } from '../../ports/document-store';
import { isWecomApiError, WecomErrcode, type OauthIdentity, type WecomApi } from '../../ports/wecom-api';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { StaffRole } from '../../domain/team/roles';

/** Oversight roles are granted by ops (CLI `staff grant`), not by the 4R roster import. */
export const STAFF_GRANTS = 'staff_grants';

export interface StaffGrant extends Doc {
  /** WeCom userid. */
  _id: string;
  role: Extract<StaffRole, 'supervisor' | 'ops_admin' | 'compliance_reviewer'>;
  grantedAtMs: number;
  grantedBy: string;
  /** Moves when the grant changes, ending sessions issued before (session-check.ts). */
  rosterVersion?: number;
}

export const StaffSessionRequestSchema = z.strictObject({ code: z.string().min(1).max(512) });

export const STAFF_SESSION_TTL_S = 8 * 3600;

export interface StaffSessionDeps {
  store: DocumentStore;
  wecom: WecomApi;
  audit: AuditLog;
  clock: Clock;
  tokens: TokenSigner;
}

/**
 * WeCom OAuth (网页授权): the staff member opens our page inside WeCom, WeCom redirects with a
 * single-use `code`, `auth/getuserinfo` turns it into their userid, and the roster says which role
 * they hold. The answer is a short-lived signed staff session; nothing else identifies staff.
 */
export interface StaffSession {
  token: string;
  role: StaffRole;
  staffId: string;
  /** Roster name for the page's greeting; null for someone holding only an oversight grant. */
  name: string | null;
  expiresInS: number;
}

export async function exchangeStaffCode(deps: StaffSessionDeps, code: string): Promise<StaffSession> {
  const identity = await identityOf(deps.wecom, code);
  if (identity.kind !== 'member') {
    await deps.audit.append({ actor: { kind: 'system', id: 'oauth' }, action: 'staff.session', outcome: 'denied', reason: 'not_corp_member' });
    throw new ForbiddenError('not_staff', 'only members of the corp can sign in as staff');
  }
  const userId = identity.userid;
  const grant = await deps.store.collection<StaffGrant>(STAFF_GRANTS).get(userId);
  // The roster is read for grant holders too: a supervisor on the roster has a name there.
  const rostered = await deps.store.collection<StaffMember>(STAFF_ROSTER).get(userId);
  const role: StaffRole | undefined = grant?.role ?? (rostered?.active ? rostered.role : undefined);
  const rosterVersion = (grant ?? rostered)?.rosterVersion ?? 0;
  if (!role) {
    await deps.audit.append({ actor: { kind: 'staff', id: userId }, action: 'staff.session', outcome: 'denied', reason: 'not_in_roster' });
    throw new ForbiddenError('not_staff', 'this WeCom member has no role in the health community');
  }
  const token = deps.tokens.sign({ aud: 'staff-session', sub: userId, role, corpUserId: userId, rv: rosterVersion }, STAFF_SESSION_TTL_S, deps.clock.nowMs());
  await deps.audit.append({ actor: { kind: 'staff', id: userId, role }, action: 'staff.session', outcome: 'done' });
  return { token, role, staffId: userId, name: rostered?.name ?? null, expiresInS: STAFF_SESSION_TTL_S };
}

/**
 * WeCom refuses a code that is unknown, expired (5 min) or already used with 40029: the caller sent a
 * bad code, so it is their 400 (OAuth's invalid_grant), not our 502. Other failures stay upstream's.
 */
async function identityOf(wecom: WecomApi, code: string): Promise<OauthIdentity> {
  try {
    return await wecom.oauthGetUserInfo(code);
  } catch (err) {
    if (isWecomApiError(err) && err.errcode === WecomErrcode.invalidOauthCode) {
      const message = 'not a valid WeCom OAuth code (unknown, expired or already used); sign in again';
      throw new AppError('invalid_oauth_code', `code: ${message}`, 400, { fields: [{ field: 'code', message }] });
    }
    throw err;
  }
}
