import { DuplicateKeyError, ConflictError, NotFoundError } from '../../errors';
import type { DocumentStore } from '../../ports/document-store';
import { MEMBER_BINDINGS, MEMBERS, openIdBindingId, type Member, type MemberBinding } from './member';
import { createMemberTransitions, type MemberTransitions } from './member-lifecycle';
import { onceUntilFailure } from '../../once-until-failure';

/**
 * The member document's reads and its one writer: the life-cycle transitions (member-lifecycle.ts)
 * and the OPENID binding. Cheap to create (no I/O until used), so services that hold only the store
 * make their own.
 */
export interface MemberRepository extends MemberTransitions {
  get(memberId: string): Promise<Member | null>;
  findByOpenId(openId: string): Promise<Member | null>;
  /** The member holding this WeCom external_userid (微信客服 and customer contact share it within a corp). */
  findByExternalUserId(externalUserId: string): Promise<Member | null>;
  /**
   * Binds a mini-program OPENID to a member once: a second member cannot take the same OPENID
   * (409 `openid_bound`), and a member already bound to another OPENID cannot take a second one
   * (409 `member_already_bound`) — the welcome link that names the member can be forwarded.
   */
  bindOpenId(memberId: string, openId: string, nowMs: number): Promise<void>;
}

export function createMemberRepository(store: DocumentStore): MemberRepository {
  const members = store.collection<Member>(MEMBERS);
  const bindings = store.collection<MemberBinding>(MEMBER_BINDINGS);
  const externalIdIndexed = onceUntilFailure(() => members.ensureIndex({ fields: ['externalUserId'] }));
  return {
    ...createMemberTransitions(members),
    get: (memberId) => members.get(memberId),

    async findByExternalUserId(externalUserId) {
      await externalIdIndexed();
      return members.findOne({ externalUserId });
    },

    async findByOpenId(openId) {
      const binding = await bindings.get(openIdBindingId(openId));
      return binding ? members.get(binding.memberId) : null;
    },

    async bindOpenId(memberId, openId, nowMs) {
      const alreadyBound = () => new ConflictError('member_already_bound', 'this member is bound to another mini-program account');
      const before = await members.get(memberId);
      if (!before) throw new NotFoundError('member');
      if (typeof before.openId === 'string' && before.openId !== openId) throw alreadyBound();

      let inserted = false;
      try {
        await bindings.insert({ _id: openIdBindingId(openId), memberId, boundAtMs: nowMs });
        inserted = true;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        const existing = await bindings.get(openIdBindingId(openId));
        if (existing?.memberId !== memberId) throw new ConflictError('openid_bound', 'this mini-program account is bound to another member');
      }
      // Compare-and-set: of two different OPENIDs bound to one member at once, only the first wins.
      const claimed = await members.updateOne({ _id: memberId, $or: [{ openId: null }, { openId }] }, { $set: { openId, updatedAtMs: nowMs } });
      if (claimed.matched) return;
      if (inserted) await bindings.deleteOne({ _id: openIdBindingId(openId), memberId });
      if (!(await members.get(memberId))) throw new NotFoundError('member');
      throw alreadyBound();
    },
  };
}
