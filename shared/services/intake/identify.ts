import { AppError, NotFoundError, UnauthorizedError } from '../../errors';
import type { MiniProgramCaller } from '../../ports/mini-program-caller';
import type { Principal } from '../../domain/access/principal';
import type { IntakeDeps } from './deps';
import { memberOfMiniProgramCaller } from '../members/mini-program-member';

export type MemberPrincipal = Extract<Principal, { kind: 'member' }>;

/** A member token from the welcome link (member-link) or a mini-program session (mini-program); the principal says which. */
export function memberFromToken(deps: Pick<IntakeDeps, 'tokens' | 'clock'>, token: string): MemberPrincipal {
  const nowMs = deps.clock.nowMs();
  try {
    return { kind: 'member', memberId: deps.tokens.verify(token, { aud: 'member-link', nowMs }).sub, credential: 'member-link' };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'token_wrong_audience') throw err;
  }
  return { kind: 'member', memberId: deps.tokens.verify(token, { aud: 'mini-program', nowMs }).sub, credential: 'mini-program' };
}

/**
 * Who calls a mini-program action: the link token when one is given, else the member bound to the
 * caller's OPENID (set by the platform, never by the request body).
 */
export async function memberForCall(deps: Pick<IntakeDeps, 'tokens' | 'clock' | 'members'>, caller: MiniProgramCaller, token: string | undefined): Promise<MemberPrincipal> {
  if (token) return memberFromToken(deps, token);
  return (await memberOfMiniProgramCaller(deps.members, caller)).principal;
}

/**
 * Binds the caller's OPENID to the member named by a link token (action `bindOpenId`). The link can
 * be forwarded, so it binds only a member with no account yet (or the same one again): a member
 * already bound to another OPENID answers 409 `member_already_bound` and nothing changes.
 */
export async function bindOpenIdWithToken(deps: Pick<IntakeDeps, 'tokens' | 'clock' | 'members'>, caller: MiniProgramCaller, token: string): Promise<{ memberId: string }> {
  if (!caller.openId) throw new UnauthorizedError('openid_missing', 'bindOpenId must be called from the mini-program');
  const { memberId } = memberFromToken(deps, token);
  const member = await deps.members.get(memberId);
  if (!member || member.status === 'erased') throw new NotFoundError('member');
  await deps.members.bindOpenId(memberId, caller.openId, deps.clock.nowMs());
  return { memberId };
}
