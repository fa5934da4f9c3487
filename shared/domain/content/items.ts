import type { RiskTier } from '../team/roles';

/**
 * The content library (docs/prd.md §2.1.3 社群内容管理: seasonal health knowledge, disease prevention,
 * activity promotion). Items are written for everyone who matches an audience: they hold no member
 * data, so ops manage them (shared/domain/access/policy.ts, 'content.manage').
 */
export const SEASONS = ['spring', 'summer', 'autumn', 'winter', 'flu_season', 'all_year'] as const;
export type Season = (typeof SEASONS)[number];

/** Shown in place of a reviewer's name until a clinician has checked the text. */
export const UNREVIEWED = '待审核';

export interface ContentAudience {
  /** Risk tiers it is for; empty: every tier (and members not yet tiered). */
  tiers: RiskTier[];
  /** Smart-tag codes (shared/domain/health/tag-catalogue.ts); a member with any of them matches. Empty: everyone. */
  tags: string[];
}

export interface ContentItem {
  id: string;
  title: string;
  body: string;
  /** Topic tags for ops to find items by (free codes, not member tags). */
  tags: string[];
  season: Season;
  audience: ContentAudience;
  /** Where the text comes from (guideline, public health authority), named so a reader can check it. */
  source: string;
  /** Who reviewed it; UNREVIEWED until someone has. */
  reviewer: string;
  /** Shanghai calendar days, inclusive. */
  validFrom: string;
  validTo?: string;
}

export interface AudienceMember {
  tier?: RiskTier;
  tagCodes: readonly string[];
}

export function matchesAudience(audience: ContentAudience, member: AudienceMember): boolean {
  if (audience.tiers.length > 0 && (member.tier === undefined || !audience.tiers.includes(member.tier))) return false;
  if (audience.tags.length > 0 && !audience.tags.some((t) => member.tagCodes.includes(t))) return false;
  return true;
}

/** "YYYY-MM-DD" strings compare in calendar order. */
export function isValidOn(item: Pick<ContentItem, 'validFrom' | 'validTo'>, day: string): boolean {
  return item.validFrom <= day && (item.validTo === undefined || day <= item.validTo);
}

/** Whether an item may be pushed: valid that day and reviewed (an unreviewed text never reaches members). */
export function isPublishable(item: Pick<ContentItem, 'validFrom' | 'validTo' | 'reviewer'>, day: string): boolean {
  return isValidOn(item, day) && item.reviewer.trim() !== '' && item.reviewer !== UNREVIEWED;
}

/**
 * Who has checked an item after an edit: a new title, body or source is new words nobody signed, so the
 * item goes back to UNREVIEWED — unless the same edit names a different reviewer (they signed the new
 * text). Anything else (tags, season, audience, dates) keeps the signature. `unsignedReviewer` is the
 * name such a reset took off: that same name sent again (the same import file run twice) does not sign
 * the new words; a reviewer re-signing writes their signature differently (e.g. with the date).
 */
export function reviewerAfterEdit(
  current: (Pick<ContentItem, 'title' | 'body' | 'source' | 'reviewer'> & { unsignedReviewer?: string }) | null,
  next: Pick<ContentItem, 'title' | 'body' | 'source' | 'reviewer'>,
): { reviewer: string; unsignedReviewer?: string } {
  if (!current) return { reviewer: next.reviewer };
  const textChanged = current.title !== next.title || current.body !== next.body || current.source !== next.source;
  if (current.reviewer === UNREVIEWED && current.unsignedReviewer !== undefined && next.reviewer === current.unsignedReviewer) {
    return { reviewer: UNREVIEWED, unsignedReviewer: current.unsignedReviewer };
  }
  if (textChanged && next.reviewer === current.reviewer && current.reviewer !== UNREVIEWED) return { reviewer: UNREVIEWED, unsignedReviewer: current.reviewer };
  return { reviewer: next.reviewer };
}
