import { randomBytes } from 'node:crypto';

/** Fallback `_id` (24 hex chars) for the rare caller that does not bring its own key. */
export const newId = (): string => randomBytes(12).toString('hex');
