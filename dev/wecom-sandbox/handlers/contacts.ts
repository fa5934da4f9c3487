import { byteLength, newId, obj, ok, str, strArray, wxError, type ApiRequest, type Reply, type SandboxContext } from '../reply';
import type { ContactRecord } from '../state';

/**
 * POST externalcontact/send_welcome_msg (92137): the code is valid 20 s and works once.
 * Unknown or expired → 41050; already used → 41051 "externaluser has started chatting".
 */
export function sendWelcomeMsg(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const { state, nowMs } = ctx;
  const code = str(body.welcome_code);
  if (!code) return wxError(41049);
  const record = state.welcomeCodes.get(code);
  if (!record) return wxError(41050);
  if (record.usedAtMs !== undefined) return wxError(41051);
  const now = nowMs();
  if (now - record.issuedAtMs > state.limits.welcomeCodeTtlMs) return wxError(41050, 'expired');
  const text = str(obj(body.text)?.content);
  const attachments = Array.isArray(body.attachments) ? body.attachments : [];
  if (!text && !attachments.length) return wxError(40063, 'text and attachments both empty');
  if (text && byteLength(text) > state.limits.welcomeTextMaxBytes) return wxError(45002);
  if (attachments.length > state.limits.attachmentsMax) return wxError(40058, 'too many attachments');
  record.usedAtMs = now;
  state.sent.push({ seq: ++state.seq, api: 'externalcontact/send_welcome_msg', atMs: now, touser: [record.externalUserId], msgid: newId('welcome'), status: 'delivered', body });
  return ok();
}

/** GET externalcontact/get (92114). */
export function getExternalContact(ctx: SandboxContext, { query }: ApiRequest): Reply {
  const id = query.get('external_userid');
  if (!id) return wxError(41035);
  const contact = ctx.state.contacts.get(id);
  if (!contact) return wxError(84061);
  return ok({
    external_contact: { external_userid: contact.externalUserId, name: contact.name, type: contact.type, gender: 0, ...(contact.unionid && { unionid: contact.unionid }) },
    follow_user: [...contact.follows.values()].map((f) => ({
      userid: f.userid,
      remark: f.remark ?? '',
      description: '',
      createtime: Math.floor(f.createdAtMs / 1000),
      tags: tagsOf(ctx, f.tagIds),
      remark_mobiles: [],
      add_way: 1,
      oper_userid: f.userid,
      ...(f.state !== undefined && { state: f.state }),
    })),
    next_cursor: '',
  });
}

function tagsOf(ctx: SandboxContext, ids: Set<string>) {
  const out: { group_name: string; tag_name: string; tag_id: string; type: number }[] = [];
  for (const group of ctx.state.tagGroups) {
    for (const tag of group.tags) if (ids.has(tag.id)) out.push({ group_name: group.groupName, tag_name: tag.name, tag_id: tag.id, type: 1 });
  }
  return out;
}

/** POST externalcontact/mark_tag (92118). */
export function markTag(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const userid = str(body.userid);
  const externalUserId = str(body.external_userid);
  if (!userid) return wxError(41009);
  if (!externalUserId) return wxError(41035);
  const add = strArray(body.add_tag);
  const remove = strArray(body.remove_tag);
  if (!add.length && !remove.length) return wxError(40063, 'add_tag and remove_tag both empty');
  const follow = ctx.state.contacts.get(externalUserId)?.follows.get(userid);
  if (!follow) return wxError(84061);
  const known = new Set(ctx.state.tagGroups.flatMap((g) => g.tags.map((t) => t.id)));
  if ([...add, ...remove].some((id) => !known.has(id))) return wxError(40068);
  for (const id of add) follow.tagIds.add(id);
  for (const id of remove) follow.tagIds.delete(id);
  return ok();
}

/** POST externalcontact/add_msg_template (92135): a task staff must confirm; nothing reaches customers yet. */
export function addMsgTemplate(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const { state, nowMs } = ctx;
  const sender = str(body.sender);
  if (!sender) return wxError(41009, 'sender');
  const targets = strArray(body.external_userid);
  if (targets.length > state.limits.msgTemplateMaxCustomers) return wxError(40058, 'too many external_userid');
  const text = str(obj(body.text)?.content);
  const attachments = Array.isArray(body.attachments) ? body.attachments : [];
  if (!text && !attachments.length) return wxError(40063, 'text and attachments both empty');
  if (text && byteLength(text) > state.limits.msgTemplateTextMaxBytes) return wxError(45002);
  if (attachments.length > state.limits.attachmentsMax) return wxError(40058, 'too many attachments');
  // chat_type group: every customer group the sender owns receives it once they confirm.
  const group = body.chat_type === 'group';
  const accepted = group ? [] : targets.filter((id) => state.contacts.get(id)?.follows.has(sender));
  const failList = targets.filter((id) => !accepted.includes(id));
  if (!group && !accepted.length) return wxError(41048);
  const msgid = newId('msg', 16);
  state.sent.push({ seq: ++state.seq, api: 'externalcontact/add_msg_template', atMs: nowMs(), touser: accepted, msgid, status: 'pending_confirmation', body });
  return ok({ fail_list: failList, msgid });
}

/** Adds (or refreshes) the relation member ↔ customer, as adding a contact in the client would. */
export function upsertContact(
  ctx: SandboxContext,
  input: { externalUserId?: string; userid: string; name?: string; remark?: string; state?: string; unionid?: string },
): ContactRecord {
  const externalUserId = input.externalUserId ?? newId('wm', 20);
  let contact = ctx.state.contacts.get(externalUserId);
  if (!contact) {
    contact = { externalUserId, name: input.name ?? `客户${externalUserId.slice(-4)}`, type: 1, follows: new Map() };
    ctx.state.contacts.set(externalUserId, contact);
  }
  if (input.name) contact.name = input.name;
  if (input.unionid) contact.unionid = input.unionid;
  const existing = contact.follows.get(input.userid);
  contact.follows.set(input.userid, {
    userid: input.userid,
    createdAtMs: existing?.createdAtMs ?? ctx.nowMs(),
    tagIds: existing?.tagIds ?? new Set(),
    ...((input.state ?? existing?.state) !== undefined && { state: input.state ?? existing?.state }),
    ...((input.remark ?? existing?.remark) !== undefined && { remark: input.remark ?? existing?.remark }),
  });
  return contact;
}
