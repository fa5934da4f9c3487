import { DuplicateKeyError, ConflictError } from '../../errors';
import type { DocumentStore } from '../../ports/document-store';
import { MEMBER_BINDINGS, MEMBERS, openIdBindingId, type Member, type MemberBinding } from './member';

export interface MemberRepository {
  get(memberId: string): Promise<Member | null>;
  findByOpenId(openId: string): Promise<Member | null>;
  /** The member holding this WeCom external_userid (微信客服 and customer contact share it within a corp). */
  findByExternalUserId(externalUserId: string): Promise<Member | null>;
  /** Binds a mini-program OPENID to a member once; a second member cannot take the same OPENID. */
  bindOpenId(memberId: string, openId: string, nowMs: number): Promise<void>;
}

export function createMemberRepository(store: DocumentStore): MemberRepository {
  const members = store.collection<Member>(MEMBERS);
  const bindings = store.collection<MemberBinding>(MEMBER_BINDINGS);
  let externalIdIndexed: Promise<void> | undefined;
  return {
    get: (memberId) => members.get(memberId),

    async findByExternalUserId(externalUserId) {
      externalIdIndexed ??= members.ensureIndex({ fields: ['externalUserId'] }).catch((err: unknown) => {
        externalIdIndexed = undefined;
        throw err;
      });
      await externalIdIndexed;
      return members.findOne({ externalUserId });
    },

    async findByOpenId(openId) {
      const binding = await bindings.get(openIdBindingId(openId));
      return binding ? members.get(binding.memberId) : null;
    },

    async bindOpenId(memberId, openId, nowMs) {
      try {
        await bindings.insert({ _id: openIdBindingId(openId), memberId, boundAtMs: nowMs });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        const existing = await bindings.get(openIdBindingId(openId));
        if (existing?.memberId !== memberId) throw new ConflictError('openid_bound', 'this mini-program account is bound to another member');
      }
      await members.updateOne({ _id: memberId }, { $set: { openId, updatedAtMs: nowMs } });
    },
  };
}
