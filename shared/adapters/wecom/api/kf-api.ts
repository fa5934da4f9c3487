import type { KfMessage, WecomApi } from '../../../ports/wecom-api';
import { Delivery } from './delivery';
import { kfCursor } from './kf-cursor';
import { KfSyncResponse, parseBody } from './responses';
import type { ApiContext } from './api-context';

/** sync_msg pages; a runaway has_more must not loop forever inside one invocation. */
const MAX_KF_PAGES = 50;

/** 微信客服 (kf/*): reading customers’ messages with the persisted cursor and answering in the 48 h window — with the kf secret. */
export function kfApi(ctx: ApiContext): Pick<WecomApi, 'kfSyncMsg' | 'kfSendMsg'> {
  return {
    async kfSyncMsg({ token, openKfId, limit, onBatch }) {
      const cursor = kfCursor(ctx.options.store, openKfId);
      let stored = await cursor.read();
      let current = stored;
      let ownsCursor = true;
      const all: KfMessage[] = [];
      for (let page = 0; page < MAX_KF_PAGES; page++) {
        const body = await ctx.post(
          'kf/sync_msg',
          ctx.auth.kf,
          { open_kfid: openKfId, limit: limit ?? 1000, ...(current && { cursor: current }), ...(token && { token }) },
          Delivery.idempotent,
        );
        const res = parseBody('kf/sync_msg', KfSyncResponse, body);
        if (onBatch && res.msg_list.length) await onBatch(res.msg_list);
        all.push(...res.msg_list);
        if (res.next_cursor && res.next_cursor !== current) {
          current = res.next_cursor;
          if (ownsCursor) {
            ownsCursor = await cursor.advance(stored, current, ctx.clock.nowMs());
            stored = current;
          }
        }
        if (res.has_more !== 1) break;
      }
      return all;
    },

    async kfSendMsg({ touser, openKfId, msgtype, text }) {
      const body = await ctx.post('kf/send_msg', ctx.auth.kf, { touser, open_kfid: openKfId, msgtype, text }, Delivery.atMostOnce);
      return { msgid: String(body.msgid ?? '') };
    },
  };
}
