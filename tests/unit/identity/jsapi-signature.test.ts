import { describe, expect, it } from 'vitest';
import { jsapiSignature } from '../../../shared/services/identity/jsapi-signature';
import { staffLoginUrl } from '../../../shared/services/identity/staff-login';

// Official test vector of JS-SDK 签名算法 (developer.work.weixin.qq.com/document/path/96909).
const VECTOR = {
  ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  nonceStr: 'Wm3WZYTPz0wzccnW',
  timestamp: 1414587457,
};

describe('JS-SDK signature', () => {
  it('matches the official test vector', () => {
    expect(jsapiSignature({ ...VECTOR, url: 'http://mp.weixin.qq.com?params=value' })).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('signs the url without its #fragment, as the client does over location.href', () => {
    expect(jsapiSignature({ ...VECTOR, url: 'http://mp.weixin.qq.com?params=value#/tickets/1' })).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
    expect(jsapiSignature({ ...VECTOR, url: 'http://mp.weixin.qq.com' })).toBe('f4d90daf4b3bca3078ab155816175ba34c443a7b');
  });
});

describe('staff login URL', () => {
  const config = { PUBLIC_BASE_URL: 'https://health.example.com', WECOM_OAUTH_BASE: 'https://open.weixin.qq.com/', WECOM_CORP_ID: 'wwcorp', WECOM_AGENT_ID: 1000002 };

  it("is WeCom's documented authorize URL with the page encoded and a fresh alphanumeric state", () => {
    const { authorizeUrl, state } = staffLoginUrl(config, 'https://health.example.com/staff/tickets/t1?x=1&y=2');
    expect(state).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(authorizeUrl).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=wwcorp&redirect_uri=${encodeURIComponent('https://health.example.com/staff/tickets/t1?x=1&y=2')}` +
        `&response_type=code&scope=snsapi_base&state=${state}&agentid=1000002#wechat_redirect`,
    );
    expect(staffLoginUrl(config, 'https://health.example.com/staff/').state).not.toBe(state);
  });

  it.each(['https://evil.example.com/staff/', 'http://health.example.com/staff/', 'https://health.example.com:444/staff/', '/staff/', 'javascript:alert(1)'])(
    'refuses %s with a 400 naming redirect',
    (redirect) => {
      expect(() => staffLoginUrl(config, redirect)).toThrow(expect.objectContaining({ status: 400, details: { fields: [expect.objectContaining({ field: 'redirect' })] } }));
    },
  );
});
