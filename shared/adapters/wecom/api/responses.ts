import * as z from 'zod';
import {
  WecomApiError,
  type CorpTagGroup,
  type ExternalContact,
  type KfMessage,
  type MessageAttachment,
} from '../../../ports/wecom-api';

/** Validates a success body; WeCom answered 0, so a shape surprise is a bad response, not a lost send. */
export function parseBody<S extends z.ZodType>(api: string, schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const where = result.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
  throw new WecomApiError({ api, kind: 'bad_response', errcode: 0, errmsg: `unexpected response shape at ${where}`, retryable: false, outcomeUnknown: false });
}

const seconds = z.number().transform((s) => s * 1000);
const splitBar = (v: string | undefined): string[] => (v ? v.split('|').filter(Boolean) : []);

export const AppMessageResponse = z
  .object({ msgid: z.string().default(''), invaliduser: z.string().optional(), invalidparty: z.string().optional(), invalidtag: z.string().optional() })
  .transform((r) => ({
    msgid: r.msgid,
    invalidUsers: splitBar(r.invaliduser),
    invalidParties: splitBar(r.invalidparty),
    invalidTags: splitBar(r.invalidtag),
  }));

export const ExternalContactResponse = z
  .object({
    external_contact: z.object({
      external_userid: z.string(),
      name: z.string().default(''),
      avatar: z.string().optional(),
      type: z.number().default(1),
      gender: z.number().optional(),
      unionid: z.string().optional(),
    }),
    follow_user: z
      .array(
        z.object({
          userid: z.string(),
          remark: z.string().optional(),
          description: z.string().optional(),
          createtime: seconds.default(0),
          state: z.string().optional(),
          add_way: z.number().optional(),
          tags: z
            .array(z.object({ group_name: z.string().default(''), tag_name: z.string(), tag_id: z.string().optional(), type: z.number().default(1) }))
            .default([]),
        }),
      )
      .default([]),
  })
  .transform(
    (r): ExternalContact => ({
      externalUserId: r.external_contact.external_userid,
      name: r.external_contact.name,
      type: r.external_contact.type,
      ...(r.external_contact.avatar !== undefined && { avatar: r.external_contact.avatar }),
      ...(r.external_contact.gender !== undefined && { gender: r.external_contact.gender }),
      ...(r.external_contact.unionid !== undefined && { unionid: r.external_contact.unionid }),
      followUsers: r.follow_user.map((f) => ({
        userid: f.userid,
        createdAtMs: f.createtime,
        ...(f.remark !== undefined && { remark: f.remark }),
        ...(f.description !== undefined && { description: f.description }),
        ...(f.state !== undefined && { state: f.state }),
        ...(f.add_way !== undefined && { addWay: f.add_way }),
        tags: f.tags.map((t) => ({ groupName: t.group_name, tagName: t.tag_name, type: t.type, ...(t.tag_id !== undefined && { tagId: t.tag_id }) })),
      })),
    }),
  );

const TagGroupSchema = z
  .object({
    group_id: z.string(),
    group_name: z.string(),
    create_time: seconds.default(0),
    order: z.number().default(0),
    deleted: z.boolean().optional(),
    tag: z
      .array(z.object({ id: z.string(), name: z.string(), create_time: seconds.default(0), order: z.number().default(0), deleted: z.boolean().optional() }))
      .default([]),
  })
  .transform(
    (g): CorpTagGroup => ({
      groupId: g.group_id,
      groupName: g.group_name,
      createdAtMs: g.create_time,
      order: g.order,
      ...(g.deleted !== undefined && { deleted: g.deleted }),
      tags: g.tag.map((t) => ({ id: t.id, name: t.name, createdAtMs: t.create_time, order: t.order, ...(t.deleted !== undefined && { deleted: t.deleted }) })),
    }),
  );

export const TagListResponse = z.object({ tag_group: z.array(TagGroupSchema).default([]) }).transform((r) => r.tag_group);
export const AddCorpTagResponse = z.object({ tag_group: TagGroupSchema }).transform((r) => r.tag_group);

const KfMessageSchema = z
  .object({
    msgid: z.string(),
    open_kfid: z.string().optional(),
    external_userid: z.string().optional(),
    send_time: seconds.default(0),
    origin: z.number().default(0),
    msgtype: z.string(),
    text: z.object({ content: z.string(), menu_id: z.string().optional() }).optional(),
    event: z.looseObject({ event_type: z.string(), open_kfid: z.string().optional() }).optional(),
  })
  .transform((m): KfMessage => {
    const { event_type: eventType, ...eventRest } = m.event ?? { event_type: '' };
    const event = m.event ? { ...camelKeys(eventRest), eventType } : undefined;
    return {
      msgid: m.msgid,
      openKfId: m.open_kfid ?? m.event?.open_kfid ?? '',
      sendAtMs: m.send_time,
      origin: m.origin,
      msgtype: m.msgtype,
      ...(m.external_userid !== undefined && { externalUserId: m.external_userid }),
      ...(m.text && { text: { content: m.text.content, ...(m.text.menu_id !== undefined && { menuId: m.text.menu_id }) } }),
      ...(event && { event }),
    };
  });

export const KfSyncResponse = z.object({
  next_cursor: z.string().default(''),
  has_more: z.number().default(0),
  msg_list: z.array(KfMessageSchema).default([]),
});

const camelKeys = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));

export const OauthResponse = z
  .object({ userid: z.string().optional(), user_ticket: z.string().optional(), openid: z.string().optional(), external_userid: z.string().optional() })
  .refine((r) => r.userid !== undefined || r.openid !== undefined, { message: 'neither userid nor openid' });

export const GettokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

/** get_jsapi_ticket and ticket/get?type=agent_config: `{errcode:0, errmsg:'ok', ticket, expires_in:7200}`. */
export const TicketResponse = z.object({ ticket: z.string().min(1), expires_in: z.number().positive() });

/** Our camelCase attachment → WeCom's wire shape. */
export function attachmentToWire(a: MessageAttachment): Record<string, unknown> {
  switch (a.msgtype) {
    case 'link':
      return { msgtype: 'link', link: a.link };
    case 'miniprogram':
      return {
        msgtype: 'miniprogram',
        miniprogram: { title: a.miniprogram.title, pic_media_id: a.miniprogram.picMediaId, appid: a.miniprogram.appid, page: a.miniprogram.page },
      };
    case 'image':
      return { msgtype: 'image', image: { media_id: a.image.mediaId, pic_url: a.image.picUrl } };
  }
}
