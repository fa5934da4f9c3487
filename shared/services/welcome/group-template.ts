import type { Doc } from '../../ports/document-store';
import type { AppDeps } from '../../runtime/deps';
import { GROUP_WELCOME_TEXT_ZH } from './welcome-texts';

export const GROUP_WELCOME_TEMPLATES = 'group_welcome_templates';

export interface GroupWelcomeTemplateDoc extends Doc {
  _id: string;
  text: string;
  createdAtMs: number;
  createdBy: string;
}

/**
 * Registers the group welcome template (externalcontact/group_welcome_template/add). Its id goes into
 * WECOM_GROUP_WELCOME_TEMPLATE_ID; the call is at-most-once (the library holds at most 100).
 */
export async function registerGroupWelcomeTemplate(
  deps: Pick<AppDeps, 'store' | 'wecom' | 'clock'>,
  input: { text?: string; notify?: boolean; createdBy: string },
): Promise<GroupWelcomeTemplateDoc> {
  const text = input.text ?? GROUP_WELCOME_TEXT_ZH;
  const { templateId } = await deps.wecom.addGroupWelcomeTemplate({ text, notify: input.notify ?? true });
  const doc = { _id: templateId, text, createdAtMs: deps.clock.nowMs(), createdBy: input.createdBy };
  await deps.store.collection<GroupWelcomeTemplateDoc>(GROUP_WELCOME_TEMPLATES).insert(doc);
  return doc;
}
