import * as z from 'zod';
import { AppError, ForbiddenError } from '../../shared/errors';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import { actorFromPrincipal } from '../../shared/services/access/actor';
import { readJson, type HttpApp } from '../../shared/http/app';
import type { AppDeps } from '../../shared/runtime/deps';
import { MemberIdSchema } from '../../shared/services/members/member-id';
import { consentsPageUrl, reportMoment } from '../../shared/services/offers/moments';
import { idempotentAnswer } from '../../shared/http/replay';
import { parseInput } from '../../shared/validation';
import { servicesOf } from './wiring';

const PREFIX = '/api/offers';
const OpenQuery = z.object({ t: z.string().min(1).max(2048) });
/** What partner systems report; a high reading comes from the readings themselves, never from outside. */
const MomentSchema = z.strictObject({
  memberId: MemberIdSchema,
  event: z.enum(['checkup_abnormal', 'claim_closed']),
  ref: z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/, 'the report or claim id: letters, digits and _.:- only'),
});
const ConversionSchema = z.strictObject({ deliveryId: z.string().regex(/^ofr_[A-Za-z0-9_-]{22}$/, 'the offer id from the link') });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const page = (title: string, text: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:sans-serif;padding:24px;line-height:1.6"><h3>${escapeHtml(title)}</h3><p>${escapeHtml(text)}</p></body></html>`;

/**
 * Offers at moments of care (shared/domain/offers/rules.ts). The link in an offer opens through
 * /open: its signed token is checked, the open recorded once, and the member sent on to the mall.
 * Partner systems report moments and conversions with the machine key ('offer.report'); a member
 * lists their own offers with the reason for each ('offer.own').
 */
export function mountOfferRoutes(app: HttpApp, deps: AppDeps): void {
  app.use(`${PREFIX}/*`, resolveCaller(deps));
  const { offerMeasures: measures, moments } = servicesOf(deps);

  app.get(`${PREFIX}/open`, async (c) => {
    const { t } = parseInput(OpenQuery, c.req.query(), 'query');
    let opened;
    try {
      opened = await measures.open(t);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      // A member tapped an old or broken link: a page they can read, not an API error.
      const status = err.code === 'token_expired' ? 410 : err.status === 404 ? 404 : 400;
      return c.html(page('链接已失效', '这条推荐链接已过期或无效。您可以在小程序「健康商城」中查看，或联系您的健康管家。'), status);
    }
    const mall = deps.config.OFFERS_MALL_URL;
    if (mall) {
      const url = new URL(mall);
      url.searchParams.set('path', opened.path);
      url.searchParams.set('offer', opened.deliveryId);
      return c.redirect(url.toString(), 302);
    }
    return c.html(page(opened.titleZh, `请在微信小程序「健康商城」中打开：${opened.path}`));
  });

  app.get(`${PREFIX}/mine`, async (c) => {
    const principal = principalOf(c);
    if (principal.kind !== 'member') throw new ForbiddenError('members_only', 'this route is for the member themself');
    await deps.authorize(principal, 'offer.own', principal.memberId, { requestId: c.get('requestId') });
    return c.json({ memberId: principal.memberId, offers: await measures.listForMember(principal.memberId), switchOffUrl: consentsPageUrl(deps.config.PUBLIC_BASE_URL) });
  });

  app.post(`${PREFIX}/moments`, async (c) => {
    const principal = principalOf(c);
    const moment = parseInput(MomentSchema, await readJson(c), 'moment');
    await deps.authorize(principal, 'offer.report', moment.memberId, { requestId: c.get('requestId') });
    const { outcomes, fresh } = await reportMoment({ moments, audit: deps.audit }, moment, actorFromPrincipal(principal), c.get('requestId'));
    return c.json({ memberId: moment.memberId, outcomes }, fresh ? 201 : 200);
  });

  app.post(`${PREFIX}/conversions`, async (c) => {
    const principal = principalOf(c);
    const { deliveryId } = parseInput(ConversionSchema, await readJson(c), 'conversion');
    await deps.authorize(principal, 'offer.report', undefined, { requestId: c.get('requestId') });
    const result = await measures.converted(deliveryId);
    return idempotentAnswer(c, { ...result, replayed: result.replayed }, result.replayed);
  });
}
