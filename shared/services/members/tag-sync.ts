import { TAG_CATALOGUE, type Tag } from '../../domain/health/tag-catalogue';
import { mirrorsToWecom, wecomTagName } from '../../domain/health/tags';
import { isWecomApiError, WecomErrcode, type WecomApi } from '../../ports/wecom-api';
import type { DocumentStore } from '../../ports/document-store';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { createCorpTagDirectory, type CorpTagDirectory } from './corp-tags';
import type { Member, MemberTag } from './member';
import { createMemberRepository } from './member-repository';

export interface TagSyncDeps {
  store: DocumentStore;
  wecom: WecomApi;
  clock: Clock;
  log: Logger;
}

export const toMemberTag = (t: Tag): MemberTag => ({ dimension: t.dimension, code: t.code });

/** Back from stored codes to catalogue tags (codes no longer in the catalogue are dropped). */
export function fromMemberTags(tags: readonly MemberTag[]): Tag[] {
  return tags.flatMap((t) => {
    const labelZh = (TAG_CATALOGUE[t.dimension] as Record<string, string>)[t.code];
    return labelZh ? [{ dimension: t.dimension, code: t.code, labelZh }] : [];
  });
}

export interface TagSync {
  /**
   * Stores the member's tags and mirrors them to the WeCom contact with mark_tag: adds what is new
   * and removes only tags this system applied earlier (tags staff set by hand are left alone).
   */
  apply(memberId: string, tags: readonly Tag[]): Promise<{ added: number; removed: number; mirrored: boolean }>;
}

const directories = new WeakMap<DocumentStore, CorpTagDirectory>();

export function createTagSync(deps: TagSyncDeps): TagSync {
  let directory = directories.get(deps.store);
  if (!directory) directories.set(deps.store, (directory = createCorpTagDirectory(deps)));
  const dir = directory;
  const members = createMemberRepository(deps.store);

  async function mark(member: Member, add: string[], remove: string[]): Promise<void> {
    if (!add.length && !remove.length) return;
    await deps.wecom.markTag({ userid: member.addedBy as string, externalUserId: member.externalUserId as string, addTag: add, removeTag: remove });
  }

  return {
    async apply(memberId, tags) {
      const member = await members.get(memberId);
      if (!member) throw new Error('member not found for tag sync');
      await members.tagsStored(memberId, tags.map(toMemberTag), deps.clock.nowMs());
      if (!member.addedBy || !member.externalUserId) return { added: 0, removed: 0, mirrored: false };

      const shared = tags.filter(mirrorsToWecom);
      let desired = await dir.resolve(shared.map(wecomTagName));
      const previous = member.wecomTagIds ?? [];
      let add = desired.filter((id) => !previous.includes(id));
      const remove = previous.filter((id) => !desired.includes(id));
      try {
        await mark(member, add, remove);
      } catch (err) {
        if (!(isWecomApiError(err) && err.errcode === WecomErrcode.invalidTagId)) throw err;
        // A tag was deleted in the admin console: forget the stale ids and create them again.
        await dir.forget([...add, ...remove]);
        desired = await dir.resolve(shared.map(wecomTagName));
        add = desired.filter((id) => !previous.includes(id));
        await mark(member, add, []);
        await mark(member, [], remove).catch((e: unknown) => {
          if (!(isWecomApiError(e) && e.errcode === WecomErrcode.invalidTagId)) throw e;
        });
      }
      await members.tagsMirrored(memberId, desired);
      deps.log.debug('member tags mirrored', { memberId, added: add.length, removed: remove.length });
      return { added: add.length, removed: remove.length, mirrored: true };
    },
  };
}
