import type { Doc, DocumentStore } from '../../ports/document-store';

export const SUBSCRIPTIONS = 'subscriptions';

/**
 * One-time mini-program subscriptions a member granted for a template (wx.requestSubscribeMessage):
 * each subscribeMessage.send consumes one. Written when the mini-program reports an accepted request.
 */
export interface SubscriptionDoc extends Doc {
  /** `${memberId}|${templateId}` */
  _id: string;
  memberId: string;
  openId: string;
  templateId: string;
  remaining: number;
  updatedAtMs: number;
}

export const subscriptionId = (memberId: string, templateId: string): string => `${memberId}|${templateId}`;

export interface SubscriptionStore {
  get(memberId: string, templateId: string): Promise<SubscriptionDoc | null>;
  /** The member accepted `count` more subscriptions of the template (from the mini-program). */
  add(input: { memberId: string; openId: string; templateId: string; count: number; nowMs: number }): Promise<number>;
  /** Takes one subscription before sending; false when none is left. */
  reserve(sub: SubscriptionDoc): Promise<boolean>;
  release(sub: SubscriptionDoc): Promise<void>;
  /** WeChat answered 43101: our count is wrong, there is none left. */
  exhaust(sub: SubscriptionDoc): Promise<void>;
}

export function createSubscriptionStore(store: DocumentStore): SubscriptionStore {
  const subs = store.collection<SubscriptionDoc>(SUBSCRIPTIONS);
  return {
    get: (memberId, templateId) => subs.get(subscriptionId(memberId, templateId)),
    async add({ memberId, openId, templateId, count, nowMs }) {
      const _id = subscriptionId(memberId, templateId);
      await subs.updateOne(
        { _id },
        { $inc: { remaining: count }, $set: { openId, updatedAtMs: nowMs }, $setOnInsert: { memberId, templateId } },
        { upsert: true },
      );
      return (await subs.get(_id))?.remaining ?? count;
    },
    async reserve(sub) {
      const r = await subs.updateOne({ remaining: { $gt: 0 }, _id: sub._id }, { $inc: { remaining: -1 } });
      return r.matched === 1;
    },
    async release(sub) {
      await subs.updateOne({ _id: sub._id }, { $inc: { remaining: 1 } });
    },
    async exhaust(sub) {
      await subs.updateOne({ _id: sub._id }, { $set: { remaining: 0 } });
    },
  };
}
