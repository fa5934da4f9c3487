import { buildCallbackRequest, callbackUrl } from '../../dev/wecom-sandbox/callback-builder';
import type { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import type { LocalStack } from '../../dev/local-stack';

/**
 * A customer writes to the 微信客服 account `openKfId` and WeCom calls the triage callback, signed and
 * encrypted as in production. Answers the callback's HTTP status.
 */
export async function kfCustomerWrites(stack: LocalStack, sandbox: SandboxClient, input: { openKfId: string; externalUserId: string; text: string }): Promise<number> {
  const { token } = await sandbox.kfCustomerMessage(input);
  const built = buildCallbackRequest({
    token: stack.config.WECOM_CALLBACK_TOKEN,
    encodingAesKey: stack.config.WECOM_CALLBACK_AES_KEY,
    corpId: stack.config.WECOM_CORP_ID,
    event: { kind: 'kf_msg_or_event', corpId: stack.config.WECOM_CORP_ID, token, openKfId: input.openKfId },
  });
  const res = await fetch(`${stack.url}${callbackUrl('/wecom/triage', built.query)}`, { method: 'POST', body: built.body, headers: { 'content-type': 'text/xml' } });
  return res.status;
}
