import { createHash, randomBytes } from 'node:crypto';
import { principalId, principalRole, type Principal } from '../../domain/access/principal';

const PREFIX = 'gr_';
const ID_CHARS = 24;

export const newReportId = (): string => PREFIX + randomBytes(18).toString('base64url');

/**
 * The report id an Idempotency-Key stands for. Keys are scoped to the caller: two callers who pick
 * the same key get different reports, so a key can never be used to reach someone else's report.
 * The id is the key's only record, which makes "first use wins" a single insert.
 */
export function reportIdForKey(principal: Principal, key: string): string {
  const digest = createHash('sha256').update(JSON.stringify(['gap-report', principalRole(principal), principalId(principal), key])).digest('base64url');
  return PREFIX + digest.slice(0, ID_CHARS);
}
