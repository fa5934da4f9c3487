import { shanghaiDayKey } from '../../domain/reminders/shanghai-time';
import { AppError, ValidationError } from '../../errors';
import type { AppDeps } from '../../runtime/deps';
import { RateLimitedError, windowCounter } from '../access/windows';
import { MEMBERS, type Member } from '../members/member';
import { formUrl, signMemberLink } from '../welcome/member-link';
import type { ReminderService } from '../reminders/reminder-service';
import type { TokenSigner } from '../../ports/tokens';

/**
 * 「请健康管家发新链接」: the public route behind an expired form link. Who is asking is known only by
 * the old link's token, so the token must be ours — signature, audience and shape verified as for
 * any request — but may be expired: that is the point of the request. A garbled or forged token
 * (no signature of ours) is refused and the page offers no button for it. An expired-but-authentic
 * token is good for this action only (authenticLinkAnyAge), and all it can do is make the
 * member's own butler a task, once per member per day; it never returns a token or any member data.
 *
 * The task is a staff reminder for the member's health butler, delivered by the reminder dispatcher
 * through the same app-message path as every staff task (low cooperation, follow-ups). Its content
 * carries a fresh link for the butler to forward to the member in their chat.
 */
/** How long after it lapsed an expired welcome link may still ask for a new one. */
export const LINK_REQUEST_MAX_EXPIRED_MS = 180 * 86_400_000;

const linkInvalid = () =>
  new AppError('link_invalid', 'token: this link was not issued by us, is damaged or too old', 400, {
    fields: [{ field: 'token', message: 'not a link we issued, or too old', messageZh: '这个链接无法识别或已过期太久' }],
  });

export const LINK_REQUEST_LIMITS = { perAddressPerHour: 10, perMemberPerDay: 3 } as const;

export interface LinkRequestResult {
  /** Always true when the token was authentic: whether a task was made is not the caller's to learn. */
  accepted: true;
}

interface AuthenticLink {
  memberId: string;
  expired: boolean;
  expiredAtMs: number;
  issuedAtMs: number;
}

/**
 * A welcome-link token that is authentic (our signature, member-link audience, well formed) whether
 * or not it has expired, and whether it has. For this action only: everything else refuses an expired token.
 */
function authenticLinkAnyAge(tokens: TokenSigner, token: string, nowMs: number): AuthenticLink {
  const claims = tokens.verify(token, { aud: 'member-link', nowMs, ignoreExpiry: true });
  return { memberId: claims.sub, expired: Math.floor(nowMs / 1000) >= claims.exp, expiredAtMs: claims.exp * 1000, issuedAtMs: claims.iat * 1000 };
}

/** `reminders`: the reminder service of the function's composition root, which makes the butler's task. */
export async function requestNewLink(deps: AppDeps, reminders: Pick<ReminderService, 'create'>, body: unknown, address: string): Promise<LinkRequestResult> {
  const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048) {
    throw new ValidationError('invalid link request', [{ field: 'token', message: 'the link token is required', messageZh: '链接不完整' }]);
  }
  const count = windowCounter(deps);
  const perAddress = await count('link-requests-address', address, 3600);
  if (perAddress.count > LINK_REQUEST_LIMITS.perAddressPerHour) throw new RateLimitedError(perAddress.closesInS);

  const nowMs = deps.clock.nowMs();
  let link: AuthenticLink;
  try {
    link = authenticLinkAnyAge(deps.tokens, token, nowMs);
  } catch (err) {
    if (err instanceof AppError) throw linkInvalid();
    throw err;
  }
  // An expired link still proves who it was sent to, but not forever: half a year after it lapsed it
  // is refused as a damaged one would be.
  if (nowMs - link.expiredAtMs > LINK_REQUEST_MAX_EXPIRED_MS) throw linkInvalid();
  const memberId = link.memberId;
  const perMember = await count('link-requests-member', memberId, 86_400);
  if (perMember.count > LINK_REQUEST_LIMITS.perMemberPerDay) throw new RateLimitedError(perMember.closesInS);

  const member = await deps.store.collection<Member>(MEMBERS).get(memberId);
  // A link from before the member's latest join (member ids are stable per contact: an erased member
  // who joins again gets the same id) speaks for a membership that has ended.
  // (Token times are whole seconds.)
  if (member && link.issuedAtMs < Math.floor(member.joinedAtMs / 1000) * 1000) throw linkInvalid();
  if (!member || member.status !== 'active' || !member.team.health_butler) {
    deps.log.warn('link request for a member without an active butler', { memberId, status: member?.status ?? 'unknown' });
    return { accepted: true };
  }
  const fresh = formUrl(deps.config.PUBLIC_BASE_URL, signMemberLink(deps.tokens, memberId, nowMs));
  await reminders.create(
    {
      idempotencyKey: `link-request:${memberId}:${shanghaiDayKey(nowMs)}`,
      memberId,
      kind: 'staff_follow_up',
      audience: 'health_butler',
      title: '会员请求新的健康表单链接：原链接已过期。请把下面的新链接发给会员，并问问填表是否需要帮助。',
      content: fresh,
      startAtMs: nowMs,
    },
    'member-link-request',
    'api',
  );
  deps.log.info('link request: butler task created', { memberId });
  return { accepted: true };
}
