import { actorFromPrincipal } from '../access/actor';
import type { Principal } from '../../domain/access/principal';
import { NotFoundError } from '../../errors';
import type { CallOptions, PrivacyContext } from './deps';
import { gateMemberRight } from './gate';
import { MEMBER_DATA_MAP } from './member-data-map';
import { findMemberDocs, openForMember } from './member-docs';

export const EXPORT_FORMAT = 'member-export-v1';

export interface MemberExport {
  format: typeof EXPORT_FORMAT;
  memberId: string;
  exportedAtMs: number;
  /** One section per collection that holds the member's data, decrypted. */
  collections: { collection: string; holds: string; documents: Record<string, unknown>[] }[];
  /** Who looked at the records is not repeated here: GET /api/privacy/audit answers that. */
  auditTrail: string;
}

export type ExportResult =
  | { delivered: 'member'; export: MemberExport }
  /** Staff on a verified request: the export is the member's, so staff get the receipt, not the content. */
  | { delivered: 'member_on_request'; memberId: string; documents: number; collections: number; download: string };

/**
 * The member's copy of their data (PIPL art. 45): every collection of the member-data map, each
 * document opened with its owner's encryption convention. Only the member receives the content; ops
 * acting on the member's verified request complete the request and get a receipt (the policy gives
 * ops no health content), and the member downloads with their own credentials.
 */
export async function exportMember(ctx: PrivacyContext, principal: Principal, memberId: string, input: { requestId?: string }, o: CallOptions = {}): Promise<ExportResult> {
  const { deps } = ctx;
  await gateMemberRight(ctx, principal, 'member.export', memberId, 'export', input.requestId, o);
  if (!(await deps.members.get(memberId))) throw new NotFoundError('member');

  const collections: MemberExport['collections'] = [];
  for (const entry of MEMBER_DATA_MAP) {
    if (!entry.exported) continue;
    const docs = await findMemberDocs(deps.store, entry, memberId);
    if (docs.length) collections.push({ collection: entry.collection, holds: entry.holds, documents: docs.map((d) => openForMember(deps.cipher, entry, d)) });
  }
  const documents = collections.reduce((n, c) => n + c.documents.length, 0);
  const now = deps.clock.nowMs();
  const actor = actorFromPrincipal(principal);
  await ctx.requests.complete(memberId, 'export', actor, now);
  await deps.audit.append({
    actor,
    action: 'member.export',
    subjectMemberId: memberId,
    outcome: 'done',
    ...(o.requestId && { requestId: o.requestId }),
    meta: { documents, collections: collections.length, deliveredTo: principal.kind === 'member' ? 'member' : 'receipt_only', privacyRequestId: principal.kind === 'staff' && input.requestId ? input.requestId : null },
  });

  if (principal.kind !== 'member') {
    return { delivered: 'member_on_request', memberId, documents, collections: collections.length, download: `/api/privacy/members/${memberId}/export` };
  }
  return { delivered: 'member', export: { format: EXPORT_FORMAT, memberId, exportedAtMs: now, collections, auditTrail: '/api/privacy/audit' } };
}
