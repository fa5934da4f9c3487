import * as z from 'zod';
import { qrSvg } from './handlers/contact-way';
import { upsertContact } from './handlers/contacts';
import { enqueueCustomerMessage } from './handlers/kf';
import { verifySignature } from './handlers/jsapi-ticket';
import { JSSDK_ENTRIES, jssdkInvoke } from './handlers/jssdk';
import { mintOauthCode, subscriptionKey } from './handlers/oauth-subscribe';
import { invalidateTokens } from './handlers/token';
import { normalizePath } from './guards';
import { newId, type Reply, type SandboxContext } from './reply';
import { resetState } from './state';

/** Inputs of the /_sandbox/ endpoints; inspect.ts sends exactly these. */
export const AdminInput = {
  welcomeCode: z.object({ userid: z.string().min(1), externalUserId: z.string().min(1).optional(), state: z.string().optional(), name: z.string().optional(), remark: z.string().optional() }),
  externalContact: z.object({
    userid: z.string().min(1),
    externalUserId: z.string().min(1).optional(),
    state: z.string().optional(),
    name: z.string().optional(),
    /** The remark `userid` gave the customer (follow_user[].remark). */
    remark: z.string().optional(),
    unionid: z.string().optional(),
  }),
  kfMessage: z.object({
    openKfId: z.string().min(1),
    externalUserId: z.string().min(1),
    text: z.string().min(1),
    serviceState: z.enum(['api', 'human']).optional(),
  }),
  oauthCode: z.union([z.object({ userid: z.string().min(1) }), z.object({ openid: z.string().min(1), externalUserId: z.string().optional() })]),
  subscription: z.object({ openid: z.string().min(1), templateId: z.string().min(1), count: z.number().int().positive().default(1) }),
  fault: z.object({
    path: z.string().min(1),
    count: z.number().int().positive().default(1),
    kind: z.enum(['http_500', 'errcode', 'delay']),
    errcode: z.number().int().default(-1),
    delayMs: z.number().int().nonnegative().default(10_000),
  }),
  invalidate: z.object({ mode: z.enum(['expired', 'invalid']).default('expired') }),
  advanceClock: z.object({ ms: z.number().int().nonnegative() }),
  limits: z.record(z.string(), z.number().nonnegative()),
  jssdkContext: z.object({ entry: z.enum(JSSDK_ENTRIES).default('normal'), externalUserId: z.string().min(1).optional() }),
  jssdkSignature: z.object({
    kind: z.enum(['corp', 'agent']),
    corpId: z.string(),
    agentId: z.union([z.number(), z.string()]).optional(),
    url: z.string().min(1),
    timestamp: z.union([z.number(), z.string()]),
    nonceStr: z.string(),
    signature: z.string(),
  }),
  jssdkInvoke: z.object({ api: z.string().min(1), args: z.unknown().optional() }),
  trustedDomains: z.object({ domains: z.array(z.string().min(1)).nullable() }),
};

type Handler = (ctx: SandboxContext, body: unknown, query: URLSearchParams) => Reply;

const json = (value: Record<string, unknown>, status = 200): Reply => ({ status, json: value });

function parsed<S extends z.ZodType>(schema: S, body: unknown, then: (input: z.infer<S>) => Reply): Reply {
  const result = schema.safeParse(body ?? {});
  if (!result.success) return json({ error: result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') }, 400);
  return then(result.data);
}

export const ADMIN_ROUTES: Record<string, Handler> = {
  'GET /_sandbox/sent': (ctx, _body, query) => {
    const api = query.get('api')?.replace(/^\/?(cgi-bin\/)?/, '');
    const touser = query.get('touser');
    const sent = ctx.state.sent.filter((s) => (!api || s.api === api) && (!touser || s.touser.includes(touser)));
    return json({ sent });
  },
  'GET /_sandbox/calls': (ctx, _body, query) => {
    const path = query.get('path');
    const calls = path ? ctx.state.calls.filter((c) => c.path === normalizePath(path)) : ctx.state.calls;
    return json({ calls });
  },
  'POST /_sandbox/welcome-codes': (ctx, body) =>
    parsed(AdminInput.welcomeCode, body, (input) => {
      const contact = upsertContact(ctx, input);
      const welcomeCode = newId('WELCOME', 24);
      ctx.state.welcomeCodes.set(welcomeCode, { userid: input.userid, externalUserId: contact.externalUserId, issuedAtMs: ctx.nowMs() });
      return json({ welcomeCode, externalUserId: contact.externalUserId, userid: input.userid, ...(input.state !== undefined && { state: input.state }) });
    }),
  'POST /_sandbox/external-contacts': (ctx, body) =>
    parsed(AdminInput.externalContact, body, (input) => json({ externalUserId: upsertContact(ctx, input).externalUserId })),
  'POST /_sandbox/kf/messages': (ctx, body) => parsed(AdminInput.kfMessage, body, (input) => json(enqueueCustomerMessage(ctx, input))),
  'POST /_sandbox/oauth-codes': (ctx, body) =>
    parsed(AdminInput.oauthCode, body, (identity) => json({ code: mintOauthCode(ctx, identity) })),
  'POST /_sandbox/subscriptions': (ctx, body) =>
    parsed(AdminInput.subscription, body, ({ openid, templateId, count }) => {
      const key = subscriptionKey(openid, templateId);
      const remaining = (ctx.state.subscriptions.get(key) ?? 0) + count;
      ctx.state.subscriptions.set(key, remaining);
      return json({ remaining });
    }),
  'POST /_sandbox/faults': (ctx, body) =>
    parsed(AdminInput.fault, body, (f) => {
      ctx.state.faults.push({ path: normalizePath(f.path), remaining: f.count, kind: f.kind, errcode: f.errcode, delayMs: f.delayMs });
      return json({ armed: ctx.state.faults.length });
    }),
  // JS-SDK stand-in (dev/jssdk-stand-in): the context a page opens in, signature checks, client calls.
  'GET /_sandbox/jssdk-context': (ctx) => json({ ...ctx.state.jssdkContext }),
  'POST /_sandbox/jssdk-context': (ctx, body) =>
    parsed(AdminInput.jssdkContext, body, (input) => {
      ctx.state.jssdkContext = { entry: input.entry, ...(input.externalUserId !== undefined && { externalUserId: input.externalUserId }) };
      return json({ ...ctx.state.jssdkContext });
    }),
  'POST /_sandbox/jssdk-verify': (ctx, body) => parsed(AdminInput.jssdkSignature, body, (claim) => json(verifySignature(ctx, claim))),
  'POST /_sandbox/jssdk-invoke': (ctx, body) => parsed(AdminInput.jssdkInvoke, body, ({ api, args }) => json({ ...jssdkInvoke(ctx, api, args) })),
  'POST /_sandbox/trusted-domains': (ctx, body) =>
    parsed(AdminInput.trustedDomains, body, ({ domains }) => {
      ctx.state.trustedDomains = domains;
      return json({ domains });
    }),
  'POST /_sandbox/reset': (ctx) => {
    resetState(ctx.state);
    return json({ ok: true });
  },
  'POST /_sandbox/tokens/invalidate': (ctx, body) =>
    parsed(AdminInput.invalidate, body, ({ mode }) => json({ invalidated: invalidateTokens(ctx, mode) })),
  'POST /_sandbox/clock/advance': (ctx, body) =>
    parsed(AdminInput.advanceClock, body, ({ ms }) => {
      ctx.state.clockOffsetMs += ms;
      return json({ nowMs: ctx.nowMs() });
    }),
  'POST /_sandbox/limits': (ctx, body) =>
    parsed(AdminInput.limits, body, (patch) => {
      for (const [key, value] of Object.entries(patch)) {
        if (key in ctx.state.limits) (ctx.state.limits as unknown as Record<string, number>)[key] = value;
      }
      return json({ limits: { ...ctx.state.limits } });
    }),
};

/** GET /_sandbox/qr/<configId> */
export function adminQr(path: string): Reply | undefined {
  const m = /^\/_sandbox\/qr\/([A-Za-z0-9]+)$/.exec(path);
  return m?.[1] ? { text: qrSvg(m[1]), contentType: 'image/svg+xml' } : undefined;
}
