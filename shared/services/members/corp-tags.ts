import { isWecomApiError, WecomErrcode, type CorpTagGroup, type WecomApi } from '../../ports/wecom-api';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { Clock } from '../../ports/clock';

/** A WeCom corp tag by name: the group is the tag dimension, the tag its Chinese label. */
export interface CorpTagName {
  groupName: string;
  tagName: string;
}

export const CORP_TAG_CACHE = 'wecom_corp_tags';

interface CachedTag extends Doc {
  _id: string;
  groupName: string;
  tagName: string;
  tagId: string;
  groupId: string;
  cachedAtMs: number;
}

export interface CorpTagDirectory {
  /** Tag ids for the names, in the same order; tags missing in WeCom are created (groups too). */
  resolve(names: readonly CorpTagName[]): Promise<string[]>;
  /** Forgets cached ids (a tag deleted in the admin console answers 40068 on mark_tag). */
  forget(tagIds: readonly string[]): Promise<void>;
}

const keyOf = (n: CorpTagName) => JSON.stringify([n.groupName, n.tagName]);

/**
 * Maps tag names to corp tag ids. Ids are cached in memory (warm instance) and in the store (cold
 * starts), so a join costs no get_corp_tag_list once the tags exist. add_corp_tag is at-most-once and
 * answers 40071 when another instance created the same name first; we then read the list again.
 */
export function createCorpTagDirectory(deps: { store: DocumentStore; wecom: WecomApi; clock: Clock }): CorpTagDirectory {
  const cache = deps.store.collection<CachedTag>(CORP_TAG_CACHE);
  const memory = new Map<string, string>();

  async function remember(groups: CorpTagGroup[], wanted: readonly CorpTagName[]): Promise<void> {
    const wantedKeys = new Set(wanted.map(keyOf));
    for (const group of groups) {
      if (group.deleted) continue;
      for (const tag of group.tags) {
        if (tag.deleted) continue;
        const key = keyOf({ groupName: group.groupName, tagName: tag.name });
        if (!wantedKeys.has(key)) continue;
        memory.set(key, tag.id);
        const doc = { groupName: group.groupName, tagName: tag.name, tagId: tag.id, groupId: group.groupId, cachedAtMs: deps.clock.nowMs() };
        await cache.updateOne({ _id: key }, { $set: doc }, { upsert: true });
      }
    }
  }

  async function createMissing(missing: CorpTagName[], groups: CorpTagGroup[]): Promise<void> {
    const byGroup = new Map<string, string[]>();
    for (const m of missing) byGroup.set(m.groupName, [...(byGroup.get(m.groupName) ?? []), m.tagName]);
    for (const [groupName, tagNames] of byGroup) {
      const existing = groups.find((g) => g.groupName === groupName && !g.deleted);
      try {
        const created = await deps.wecom.addCorpTag({
          ...(existing ? { groupId: existing.groupId } : { groupName }),
          tags: tagNames.map((name) => ({ name })),
        });
        await remember([created], missing);
      } catch (err) {
        // Someone else created one of them meanwhile; the list read below picks it up.
        if (!(isWecomApiError(err) && err.errcode === WecomErrcode.duplicateTagName)) throw err;
      }
    }
  }

  return {
    async resolve(names) {
      const unknown = names.filter((n) => !memory.has(keyOf(n)));
      if (unknown.length) {
        const stored = await cache.find({ _id: { $in: unknown.map(keyOf) } });
        for (const doc of stored) memory.set(doc._id, doc.tagId);
      }
      let missing = names.filter((n) => !memory.has(keyOf(n)));
      if (missing.length) {
        const groups = await deps.wecom.getTagList();
        await remember(groups, missing);
        missing = missing.filter((n) => !memory.has(keyOf(n)));
        if (missing.length) {
          await createMissing(missing, groups);
          missing = missing.filter((n) => !memory.has(keyOf(n)));
          if (missing.length) await remember(await deps.wecom.getTagList(), missing);
        }
      }
      return names.map((n) => {
        const id = memory.get(keyOf(n));
        if (!id) throw new Error(`corp tag ${n.groupName}/${n.tagName} could not be resolved`);
        return id;
      });
    },

    async forget(tagIds) {
      const ids = new Set(tagIds);
      for (const [key, id] of memory) if (ids.has(id)) memory.delete(key);
      await cache.deleteMany({ tagId: { $in: [...ids] } });
    },
  };
}
