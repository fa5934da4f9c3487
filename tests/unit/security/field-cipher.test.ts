import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../../shared/adapters/crypto/field-cipher';
import { isEncrypted, type EncryptedField } from '../../../shared/ports/field-cipher';
import { FieldCipherError } from '../../../shared/ports/field-cipher';
import { ConfigError } from '../../../shared/config';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';

const key = () => randomBytes(32).toString('base64');
const OLD = key();
const NEW = key();

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof FieldCipherError) return e.code;
    throw e;
  }
  return undefined;
}

describe('field cipher', () => {
  const cipher = createFieldCipher(`k1:${NEW}`);

  it.each([
    ['a string with Chinese', '高血压二级，服用氨氯地平'],
    ['an object', { systolic: 150, diastolic: 95, note: '晨起' }],
    ['an array', ['青霉素', '花生']],
    ['a number', 6.8],
    ['null', null],
    ['false', false],
  ])('round-trips %s', (_label, value) => {
    const field = cipher.encrypt(value, 'm1');
    expect(cipher.decrypt(field, 'm1')).toEqual(value);
  });

  it('stores nothing readable and never repeats an IV', () => {
    const a = cipher.encrypt('penicillin allergy', 'm1');
    const b = cipher.encrypt('penicillin allergy', 'm1');
    expect(JSON.stringify(a)).not.toContain('penicillin');
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(a).toMatchObject({ _enc: 1, kid: 'k1' });
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(isEncrypted(a)).toBe(true);
    expect(isEncrypted({ ...a, _enc: 2 })).toBe(false);
    expect(isEncrypted('x')).toBe(false);
  });

  it('refuses altered ciphertext, tag or IV', () => {
    const field = cipher.encrypt({ glucose: 7.2 }, 'm1');
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] = buf[0]! ^ 0x01;
      return buf.toString('base64');
    };
    expect(codeOf(() => cipher.decrypt({ ...field, ct: flip(field.ct) }, 'm1'))).toBe('field_tampered');
    expect(codeOf(() => cipher.decrypt({ ...field, tag: flip(field.tag) }, 'm1'))).toBe('field_tampered');
    expect(codeOf(() => cipher.decrypt({ ...field, iv: flip(field.iv) }, 'm1'))).toBe('field_tampered');
  });

  it('refuses a truncated tag instead of checking fewer bytes', () => {
    const field = cipher.encrypt('x', 'm1');
    const short = Buffer.from(field.tag, 'base64').subarray(0, 4).toString('base64');
    expect(codeOf(() => cipher.decrypt({ ...field, tag: short }, 'm1'))).toBe('field_malformed');
  });

  it('binds a ciphertext to its owner: another member id does not decrypt it', () => {
    const field = cipher.encrypt('糖尿病', 'member-A');
    expect(codeOf(() => cipher.decrypt(field, 'member-B'))).toBe('field_tampered');
    expect(codeOf(() => cipher.decrypt(field))).toBe('field_tampered');
  });

  it('names an unknown key id', () => {
    const field = cipher.encrypt('x', 'm1');
    expect(codeOf(() => cipher.decrypt({ ...field, kid: 'gone' }, 'm1'))).toBe('field_key_unknown');
  });

  it('refuses to encrypt a value with no JSON form', () => {
    expect(codeOf(() => cipher.encrypt(undefined))).toBe('field_unserialisable');
  });
});

describe('encryptFields / decryptFields', () => {
  const cipher = createFieldCipher(`k1:${NEW}`);
  const PATHS = ['health.conditions', 'health.medications', 'phone'] as const;
  const profile = {
    _id: 'm1',
    nickname: 'Li',
    phone: '13812341234',
    health: { conditions: ['hypertension'], medications: [{ name: 'amlodipine', dose: '5mg' }], heightCm: 170 },
  };

  it('encrypts only the listed paths, leaves the input untouched and decrypts back', () => {
    const enc = cipher.encryptFields(profile, PATHS, 'm1');
    expect(profile.phone).toBe('13812341234');
    expect(isEncrypted(enc.phone)).toBe(true);
    expect(isEncrypted(enc.health.conditions)).toBe(true);
    expect(enc.health.heightCm).toBe(170);
    expect(enc.nickname).toBe('Li');
    expect(JSON.stringify(enc)).not.toMatch(/hypertension|amlodipine|13812341234/);
    expect(cipher.decryptFields(enc, PATHS, 'm1')).toEqual(profile);
  });

  it('skips absent paths', () => {
    const enc = cipher.encryptFields({ _id: 'm2', health: {} }, PATHS, 'm2');
    expect(enc).toEqual({ _id: 'm2', health: {} });
    expect(cipher.decryptFields(enc, PATHS, 'm2')).toEqual({ _id: 'm2', health: {} });
  });

  it('stops a ciphertext from being copied to another member or another field', () => {
    const a = cipher.encryptFields(profile, PATHS, 'member-A');
    const b = cipher.encryptFields({ ...profile, phone: '13900000000' }, PATHS, 'member-B');
    const swappedMember = { ...b, phone: a.phone };
    expect(codeOf(() => cipher.decryptFields(swappedMember, PATHS, 'member-B'))).toBe('field_tampered');
    const swappedField = { ...a, health: { ...a.health, conditions: a.health.medications } };
    expect(codeOf(() => cipher.decryptFields(swappedField, PATHS, 'member-A'))).toBe('field_tampered');
  });

  it('flags plain values where ciphertext belongs, and double encryption', () => {
    expect(codeOf(() => cipher.decryptFields(profile, PATHS, 'm1'))).toBe('field_not_encrypted');
    const enc = cipher.encryptFields(profile, PATHS, 'm1');
    expect(codeOf(() => cipher.encryptFields(enc, PATHS, 'm1'))).toBe('field_double_encrypt');
  });
});

describe('key rotation', () => {
  const before = createFieldCipher(`old:${OLD}`);
  const after = createFieldCipher(`new:${NEW},old:${OLD}`);

  it('the first key encrypts; older keys still decrypt', () => {
    const field = before.encrypt({ a: 1 }, 'm1');
    expect(after.activeKid).toBe('new');
    expect(after.encrypt('x').kid).toBe('new');
    expect(after.decrypt(field, 'm1')).toEqual({ a: 1 });
    expect(after.needsRotation(field)).toBe(true);
    expect(after.needsRotation(after.encrypt('x'))).toBe(false);
  });

  it('reencryptIfStale moves old ciphertext to the active key and leaves fresh ones alone', () => {
    const stale = before.encrypt('阿司匹林', 'm1');
    const fresh = after.reencryptIfStale(stale, 'm1');
    expect(fresh).not.toBeNull();
    expect(fresh!.kid).toBe('new');
    expect(createFieldCipher(`new:${NEW}`).decrypt(fresh!, 'm1')).toBe('阿司匹林');
    expect(after.reencryptIfStale(fresh!, 'm1')).toBeNull();
  });

  it('lazy rotation through the store: the $set map re-encrypts only stale fields, after which the old key can be retired', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    try {
      const col = store.collection('members');
      const paths = ['health.conditions', 'phone'];
      await col.insert(before.encryptFields({ _id: 'm1', phone: '13812341234', health: { conditions: ['asthma'] } }, paths, 'm1'));
      const doc = (await col.get('m1'))!;
      const rotated = after.reencryptStaleFields(doc, paths, 'm1');
      expect(Object.keys(rotated).sort()).toEqual(['health.conditions', 'phone']);
      const oldCt = (doc.phone as EncryptedField).ct;
      const res = await col.updateOne({ _id: 'm1', 'phone.ct': oldCt }, { $set: rotated });
      expect(res.matched).toBe(1);

      const reread = (await col.get('m1'))!;
      expect(after.reencryptStaleFields(reread, paths, 'm1')).toEqual({});
      const onlyNew = createFieldCipher(`new:${NEW}`);
      expect(onlyNew.decryptFields(reread, paths, 'm1')).toMatchObject({ phone: '13812341234', health: { conditions: ['asthma'] } });
    } finally {
      await store.close();
    }
  });
});

describe('FIELD_ENCRYPTION_KEYS validation', () => {
  const messageOf = (spec: string): string => {
    try {
      createFieldCipher(spec);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('rejects a key that is not 32 bytes, naming the variable and the kid but not the key', () => {
    const short = randomBytes(16).toString('base64');
    const msg = messageOf(`k1:${short}`);
    expect(msg).toContain('FIELD_ENCRYPTION_KEYS');
    expect(msg).toContain('"k1"');
    expect(msg).toContain('32 bytes, got 16');
    expect(msg).not.toContain(short);
  });

  it.each([
    ['an empty value', ''],
    ['a missing kid', NEW],
    ['a repeated kid', `a:${NEW},a:${OLD}`],
    ['a non-base64 key', 'a:not*base64!'],
  ])('rejects %s', (_label, spec) => {
    expect(messageOf(spec)).toContain('FIELD_ENCRYPTION_KEYS');
  });
});
