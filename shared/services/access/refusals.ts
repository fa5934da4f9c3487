import { ConflictError } from '../../errors';

/**
 * 409 `member_not_active` with the member's status in details: the one code every capability gives a
 * member it does not serve (consent withdrawn, erased). `message` says what was refused.
 */
export const memberNotActive = (status: string, message: string): ConflictError => new ConflictError('member_not_active', message, { status });

/** Refuses (memberNotActive) unless the member's status is `active`. */
export function assertActiveStatus(member: { status: string }, message: string): void {
  if (member.status !== 'active') throw memberNotActive(member.status, message);
}

/**
 * The answer while a member's health-data consent is withdrawn, whoever asks — memberNotActive with
 * status `consent_withdrawn`: nothing new is collected; the member consents again with the health form
 * from their own login (the mini-program), never through the welcome link, which anyone the card was
 * forwarded to may hold.
 */
export const consentWithdrawn = (): ConflictError =>
  memberNotActive(
    'consent_withdrawn',
    'the member has withdrawn consent to processing health data; nothing new is collected until the member consents again with the health form from their own login (the mini-program), not through the welcome link',
  );
