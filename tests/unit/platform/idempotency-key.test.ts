import { describe, expect, it } from 'vitest';
import { idempotencyKeyOf, IdempotencyKeySchema } from '../../../shared/idempotency-key';
import { failure } from '../../helpers/failure';

describe('one idempotency-key rule for every capability', () => {
  it('accepts the keys callers and the system use, and nothing with spaces or other punctuation', () => {
    for (const key of ['r', '3f2b8c1e-9d4a-4b7e-8c21-5a6f0e9d1b2c', 'plan:m_abc:v3:0', 'policy|P-1@2026', 'a'.repeat(200)]) {
      expect(IdempotencyKeySchema.safeParse(key).success, key).toBe(true);
    }
    for (const key of ['', 'bad key!', 'a/b', 'a'.repeat(201), '编号1']) {
      expect(IdempotencyKeySchema.safeParse(key).success, key).toBe(false);
    }
  });

  it('takes the header or the body, both only when they agree, and names idempotencyKey when refusing', async () => {
    expect(idempotencyKeyOf('k-1', undefined)).toBe('k-1');
    expect(idempotencyKeyOf(undefined, 'k-1')).toBe('k-1');
    expect(idempotencyKeyOf('k-1', 'k-1')).toBe('k-1');
    expect(idempotencyKeyOf(undefined, undefined)).toBeUndefined();
    for (const call of [() => idempotencyKeyOf('k-1', 'k-2'), () => idempotencyKeyOf(undefined, undefined, { required: true }), () => idempotencyKeyOf('bad key!', undefined)]) {
      const err = await failure(Promise.resolve().then(call));
      expect(err).toMatchObject({ status: 400, code: 'validation_failed', details: { fields: [{ field: 'idempotencyKey' }] } });
    }
  });

  it('carries a Chinese line on every refusal when a member page sends the key, and none otherwise', async () => {
    const messageZh = '提交编号无效，请刷新页面后重试';
    for (const call of [() => idempotencyKeyOf('k-1', 'k-2', { messageZh }), () => idempotencyKeyOf(undefined, undefined, { required: true, messageZh }), () => idempotencyKeyOf('bad key!', undefined, { messageZh })]) {
      const err = await failure(Promise.resolve().then(call));
      expect(err).toMatchObject({ status: 400, details: { fields: [{ field: 'idempotencyKey', messageZh }] } });
    }
    const plain = await failure(Promise.resolve().then(() => idempotencyKeyOf('bad key!', undefined)));
    expect(plain).toMatchObject({ details: { fields: [expect.not.objectContaining({ messageZh: expect.anything() })] } });
    expect(idempotencyKeyOf('k-1', undefined, { messageZh })).toBe('k-1');
  });
});
