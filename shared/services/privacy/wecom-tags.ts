import type { Tag } from '../../domain/health/tag-catalogue';
import { createTagSync } from '../members/tag-sync';
import type { PrivacyDeps } from './deps';

/**
 * Sets the member's smart tags, here and on the WeCom contact (removing what this system applied
 * earlier): health tags mirrored to WeCom are health data too, and staff see them there. False when
 * WeCom could not be reached; the caller reports it and a retry of the operation tries again.
 */
export async function replaceMemberTags(deps: PrivacyDeps, memberId: string, tags: readonly Tag[]): Promise<boolean> {
  try {
    await createTagSync(deps).apply(memberId, tags);
    return true;
  } catch (err) {
    deps.log.warn('privacy: WeCom tag update failed', { memberId, error: err instanceof Error ? err.name : 'unknown' });
    return false;
  }
}
