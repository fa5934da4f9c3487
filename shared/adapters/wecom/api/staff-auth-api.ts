import type { OauthIdentity, WecomApi } from '../../../ports/wecom-api';
import { Delivery } from './delivery';
import { OauthResponse, parseBody } from './responses';
import type { ApiContext } from './api-context';

/** Staff sign-in (网页授权 auth/getuserinfo). */
export function staffAuthApi(ctx: ApiContext): Pick<WecomApi, 'oauthGetUserInfo'> {
  return {
    async oauthGetUserInfo(code): Promise<OauthIdentity> {
      // The code is single-use, but a repeat has no side effect (it can only fail with 40029): idempotent.
      const body = await ctx.call({ ...ctx.wecom('auth/getuserinfo'), method: 'GET', query: { code }, auth: ctx.auth.app, delivery: Delivery.idempotent });
      const r = parseBody('auth/getuserinfo', OauthResponse, body);
      if (r.userid !== undefined) return { kind: 'member', userid: r.userid, ...(r.user_ticket !== undefined && { userTicket: r.user_ticket }) };
      return { kind: 'non_member', openid: r.openid ?? '', ...(r.external_userid !== undefined && { externalUserId: r.external_userid }) };
    },
  };
}
