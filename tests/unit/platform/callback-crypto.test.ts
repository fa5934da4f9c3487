import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config';
import { callbackCryptoFor } from '../../../shared/http/wecom-callback';
import { generateDevSecrets } from '../../../dev/dev-env';
import { buildCallbackRequest } from '../../../dev/wecom-sandbox/callback-builder';

const secrets = generateDevSecrets();
const contactKey = generateDevSecrets().WECOM_CALLBACK_AES_KEY;

describe('per-callback keys', () => {
  it('uses the customer-contact callback’s own token and key where set, the defaults elsewhere', () => {
    const cfg = parseConfig({ ...secrets, WECOM_WELCOME_CALLBACK_TOKEN: 'contactToken1', WECOM_WELCOME_CALLBACK_AES_KEY: contactKey });
    const signedWithContact = buildCallbackRequest({ token: 'contactToken1', encodingAesKey: contactKey, corpId: cfg.WECOM_CORP_ID, xml: '<xml><MsgType>event</MsgType></xml>' });
    const q = signedWithContact.query;
    const encrypted = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(signedWithContact.body)?.[1] ?? '';
    expect(callbackCryptoFor(cfg, 'welcome').verifySignature(q.msg_signature, q.timestamp, q.nonce, encrypted)).toBe(true);
    expect(callbackCryptoFor(cfg, 'triage').verifySignature(q.msg_signature, q.timestamp, q.nonce, encrypted)).toBe(false);
    expect(callbackCryptoFor(cfg, 'welcome').decrypt(encrypted)).toContain('<MsgType>event</MsgType>');
  });
});
