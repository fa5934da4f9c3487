import type { WecomApi } from '../../../ports/wecom-api';
import { Delivery } from './delivery';
import { AddCorpTagResponse, ExternalContactResponse, TagListResponse, attachmentToWire, parseBody } from './responses';
import { stringArray, type ApiContext } from './api-context';

/** 客户联系 (externalcontact/*): welcome, contacts, tags, mass tasks, contact ways, group welcome templates — with the contact secret. */
export function contactApi(ctx: ApiContext): Pick<WecomApi, 'sendWelcomeMsg' | 'getExternalContact' | 'markTag' | 'addMsgTemplate' | 'addContactWay' | 'addGroupWelcomeTemplate' | 'getTagList' | 'addCorpTag'> {
  return {
    async sendWelcomeMsg({ welcomeCode, text, attachments }) {
      await ctx.post(
        'externalcontact/send_welcome_msg',
        ctx.auth.contact,
        {
          welcome_code: welcomeCode,
          ...(text !== undefined && { text: { content: text } }),
          ...(attachments?.length && { attachments: attachments.map(attachmentToWire) }),
        },
        Delivery.singleUse,
      );
    },

    async getExternalContact(externalUserId) {
      const body = await ctx.call({
        ...ctx.wecom('externalcontact/get'),
        method: 'GET',
        query: { external_userid: externalUserId },
        auth: ctx.auth.contact,
        delivery: Delivery.idempotent,
      });
      return parseBody('externalcontact/get', ExternalContactResponse, body);
    },

    async markTag({ userid, externalUserId, addTag, removeTag }) {
      await ctx.post(
        'externalcontact/mark_tag',
        ctx.auth.contact,
        { userid, external_userid: externalUserId, ...(addTag?.length && { add_tag: addTag }), ...(removeTag?.length && { remove_tag: removeTag }) },
        Delivery.idempotent,
      );
    },

    async addMsgTemplate({ sender, chatType = 'single', externalUserIds, text, attachments }) {
      const body = await ctx.post(
        'externalcontact/add_msg_template',
        ctx.auth.contact,
        {
          chat_type: chatType,
          sender,
          ...(chatType === 'single' && { external_userid: externalUserIds }),
          text: { content: text },
          ...(attachments?.length && { attachments: attachments.map(attachmentToWire) }),
        },
        Delivery.atMostOnce,
      );
      return { msgid: String(body.msgid ?? ''), failList: stringArray(body.fail_list) };
    },

    async addContactWay({ type, scene, state, user, remark, skipVerify }) {
      const body = await ctx.post(
        'externalcontact/add_contact_way',
        ctx.auth.contact,
        { type, scene, state, user, ...(remark !== undefined && { remark }), ...(skipVerify !== undefined && { skip_verify: skipVerify }) },
        Delivery.atMostOnce,
      );
      return { configId: String(body.config_id ?? ''), ...(typeof body.qr_code === 'string' && { qrCode: body.qr_code }) };
    },

    async addGroupWelcomeTemplate({ text, notify }) {
      const body = await ctx.post(
        'externalcontact/group_welcome_template/add',
        ctx.auth.contact,
        { text: { content: text }, agentid: ctx.options.agentId, ...(notify !== undefined && { notify: notify ? 1 : 0 }) },
        Delivery.atMostOnce,
      );
      return { templateId: String(body.template_id ?? '') };
    },

    async getTagList(filter) {
      const body = await ctx.post(
        'externalcontact/get_corp_tag_list',
        ctx.auth.contact,
        { ...(filter?.tagIds?.length && { tag_id: filter.tagIds }), ...(filter?.groupIds?.length && { group_id: filter.groupIds }) },
        Delivery.idempotent,
      );
      return parseBody('externalcontact/get_corp_tag_list', TagListResponse, body);
    },

    async addCorpTag({ groupId, groupName, order, tags }) {
      const body = await ctx.post(
        'externalcontact/add_corp_tag',
        ctx.auth.contact,
        {
          ...(groupId !== undefined && { group_id: groupId }),
          ...(groupName !== undefined && { group_name: groupName }),
          ...(order !== undefined && { order }),
          tag: tags,
        },
        Delivery.atMostOnce,
      );
      return parseBody('externalcontact/add_corp_tag', AddCorpTagResponse, body);
    },
  };
}
