import { ConflictError } from '../../errors';

/**
 * The answer while a member's health-data consent is withdrawn, whoever asks — 409 `member_not_active`
 * with the status in details, the one code every capability gives a member it does not serve: nothing new is
 * collected; the member consents again with the health form from their own login (the mini-program),
 * never through the welcome link, which anyone the card was forwarded to may hold.
 */
export const consentWithdrawn = (): ConflictError =>
  new ConflictError(
    'member_not_active',
    'the member has withdrawn consent to processing health data; nothing new is collected until the member consents again with the health form from their own login (the mini-program), not through the welcome link',
    { status: 'consent_withdrawn' },
  );
