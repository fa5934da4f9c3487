import { UnauthorizedError } from '../../errors';
import type { Principal } from '../../domain/access/principal';
import type { Member } from './member';
import type { MemberRepository } from './member-repository';

export type OpenIdPrincipal = Extract<Principal, { kind: 'member' }> & { credential: 'openid' };

/**
 * The member behind a mini-program callFunction: the one the caller's OPENID is bound to. Only the
 * platform names the OPENID (the call's context, never its data), so a call without one did not come
 * from the mini-program: 401 `openid_missing`; an OPENID bound to nobody: 401 `openid_not_bound`.
 */
export async function memberOfMiniProgramCaller(
  members: Pick<MemberRepository, 'findByOpenId'>,
  caller: { openId?: string },
): Promise<{ principal: OpenIdPrincipal; member: Member; openId: string }> {
  if (!caller.openId) throw new UnauthorizedError('openid_missing', 'call this from the mini-program (no WeChat identity)');
  const member = await members.findByOpenId(caller.openId);
  if (!member) throw new UnauthorizedError('openid_not_bound', 'bind this mini-program account with the link from the welcome message first');
  return { principal: { kind: 'member', memberId: member._id, credential: 'openid' }, member, openId: caller.openId };
}
