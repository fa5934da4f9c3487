import { reviewerAfterEdit, UNREVIEWED, type ContentItem } from '../../domain/content/items';
import { NotFoundError, ValidationError } from '../../errors';
import type { AuditActor, AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Doc, DocumentStore } from '../../ports/document-store';
import { parseInput } from '../../validation';
import { ContentItemSchema } from './schemas';

export const CONTENT_ITEMS = 'content_items';

/** `unsignedReviewer`: the signature an edit took off (reviewerAfterEdit); not part of the item shown. */
export type ContentItemDoc = Doc & Omit<ContentItem, 'id'> & { createdAtMs: number; updatedAtMs: number; updatedBy: string; unsignedReviewer?: string };

export interface LibraryDeps {
  store: DocumentStore;
  clock: Clock;
  audit: AuditLog;
}

export const itemOf = ({ _id, createdAtMs: _c, updatedAtMs: _u, updatedBy: _b, unsignedReviewer: _s, ...rest }: ContentItemDoc): ContentItem & { updatedAtMs: number } => ({
  id: _id,
  ...rest,
  updatedAtMs: _u,
});

/**
 * The content library (shared/domain/content/items.ts): items keyed by their id, so importing the
 * same file twice changes nothing and an edited line replaces its item. A new title, body or source
 * is unreviewed again unless the edit names a different reviewer (reviewerAfterEdit). Every change is
 * audited with the reviewer it now carries.
 */
export function createContentLibrary(deps: LibraryDeps) {
  const items = deps.store.collection<ContentItemDoc>(CONTENT_ITEMS);

  async function put(raw: unknown, actor: AuditActor): Promise<{ id: string; created: boolean; changed: boolean }> {
    const { id, ...parsed } = parseInput(ContentItemSchema, raw, 'content item');
    const nowMs = deps.clock.nowMs();
    const current = await items.get(id);
    const { reviewer, unsignedReviewer } = reviewerAfterEdit(current ?? null, parsed);
    const fields = { ...parsed, reviewer };
    const same = current && JSON.stringify(itemOf(current)) === JSON.stringify({ id, ...fields, updatedAtMs: current.updatedAtMs });
    if (same) return { id, created: false, changed: false };
    const { upserted } = await items.updateOne(
      { _id: id },
      {
        $set: { ...fields, ...(unsignedReviewer !== undefined && { unsignedReviewer }), updatedAtMs: nowMs, updatedBy: actor.id },
        $setOnInsert: { createdAtMs: nowMs },
        $unset: {
          // An edit that drops the end date makes the item open-ended.
          ...(fields.validTo === undefined && current?.validTo !== undefined && { validTo: true as const }),
          ...(unsignedReviewer === undefined && current?.unsignedReviewer !== undefined && { unsignedReviewer: true as const }),
        },
      },
      { upsert: true },
    );
    // Who signed the text as stored (the actor is who made the change).
    const reviewerReset = fields.reviewer === UNREVIEWED && parsed.reviewer !== UNREVIEWED;
    await deps.audit.append({ actor, action: upserted ? 'content.created' : 'content.updated', outcome: 'done', meta: { itemId: id, reviewer: fields.reviewer, ...(reviewerReset && { reviewerReset: true }) } });
    return { id, created: upserted, changed: true };
  }

  return {
    put,
    /**
     * Every line checked by the caller first; here each is stored in turn. A file naming one id twice
     * imports nothing: which of the two lines was meant is not ours to guess.
     */
    async importMany(raw: readonly unknown[], actor: AuditActor): Promise<{ created: number; updated: number; unchanged: number }> {
      const ids = raw.map((r) => (typeof r === 'object' && r !== null ? (r as { id?: unknown }).id : undefined));
      const twice = ids.findIndex((id, i) => id !== undefined && ids.indexOf(id) !== i);
      if (twice >= 0) throw new ValidationError(`invalid content import: items.${twice}.id: listed twice`, [{ field: `items.${twice}.id`, message: 'listed twice' }]);
      const out = { created: 0, updated: 0, unchanged: 0 };
      for (const r of raw) {
        const res = await put(r, actor);
        if (res.created) out.created += 1;
        else if (res.changed) out.updated += 1;
        else out.unchanged += 1;
      }
      return out;
    },
    async get(id: string) {
      const doc = await items.get(id);
      if (!doc) throw new NotFoundError('content item');
      return itemOf(doc);
    },
    async list(filter: { season?: string } = {}) {
      const docs = await items.find(filter.season ? { season: filter.season } : {}, { sort: { _id: 1 }, limit: 500 });
      return docs.map(itemOf);
    },
  };
}

export type ContentLibrary = ReturnType<typeof createContentLibrary>;
