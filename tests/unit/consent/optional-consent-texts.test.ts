import { describe, expect, it } from 'vitest';
import { currentConsentText } from '../../../shared/domain/consent/optional-consents';

describe('the personalised offers consent text', () => {
  it('asks for offers of services and mall products with their reasons, and does not claim the health knowledge of the health-management service', () => {
    const { textZh, titleZh } = currentConsentText('personalised_offers');
    expect(textZh).toContain('健康服务和商城商品');
    expect(textZh).toContain('原因');
    expect(textZh).toContain('随时在「我的授权」中关闭');
    // Health knowledge by condition comes with the health-data consent; switching this off does not stop it.
    expect(textZh).not.toMatch(/向我推荐[^。]*健康知识/);
    expect(textZh).toMatch(/健康管理服务不受影响[^。]*健康知识/);
    expect(titleZh).not.toContain('健康推荐');
  });
});
