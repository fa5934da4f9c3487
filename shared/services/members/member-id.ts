import * as z from 'zod';

/**
 * A member id at the edge: opaque, `m_` + 22 base64url characters from memberIdForExternalUser, and
 * the same alphabet tokens accept as `sub`. One rule for every capability, so an id one route accepts
 * is never refused by another.
 */
export const MemberIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an opaque member id');
