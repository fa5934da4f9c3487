import * as z from 'zod';
import type { Principal } from '../../domain/access/principal';
import type { AppDeps } from '../../runtime/deps';
import { parseInput } from '../../validation';
import { memberIdForExternalUser } from './member';

/** WeCom external_userid: opaque, printable ASCII (wm…/wo… in practice). */
const ExternalUserIdSchema = z.object({ externalUserId: z.string().regex(/^[\x21-\x7e]{1,64}$/, 'must be 1–64 printable ASCII characters') });

/**
 * The sidebar's question "which member is the customer of this chat" (ww.getCurExternalContact gives
 * the external_userid). The welcome function stores it on the member (`externalUserId`) when the
 * customer adds a staff member. Judged by `member.lookup` on that member: only their 4R team gets the
 * answer. A customer who is no member is judged as the member they would become
 * (memberIdForExternalUser), who has no team yet, so the answer is the same 403 an unrelated
 * member gets: a denial never tells whether the contact is a member.
 */
export async function memberByExternalUserId(
  deps: Pick<AppDeps, 'members' | 'authorize' | 'config'>,
  principal: Principal,
  externalUserId: string,
  rc: { requestId?: string } = {},
): Promise<{ memberId: string }> {
  const input = parseInput(ExternalUserIdSchema, { externalUserId }, 'external user id');
  const member = await deps.members.findByExternalUserId(input.externalUserId);
  const memberId = member?._id ?? memberIdForExternalUser(deps.config.WECOM_CORP_ID, input.externalUserId);
  await deps.authorize(principal, 'member.lookup', memberId, rc);
  return { memberId };
}
