import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { getPath, setPath } from '../store/doc-paths';
import { FieldCipherError, isEncrypted, type EncryptedField, type FieldCipher } from '../../ports/field-cipher';
import { parseKeyRing } from './key-ring';


const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/**
 * Random IVs drawn from a pool filled by the CSPRNG 256 at a time: one `randomBytes` call per
 * encryption was a fifth of the cost of storing a callback. Each IV is used once, synchronously,
 * before the pool can be refilled (createCipheriv copies it).
 */
const ivPool = Buffer.alloc(IV_BYTES * 256);
let ivAt = ivPool.length;
function nextIv(): Buffer {
  if (ivAt === ivPool.length) {
    randomFillSync(ivPool);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}
const TAG_BYTES = 16;


/** JSON array so that neither part can be shifted into the other ("a#b"+"c" vs "a"+"b#c"). */
const fieldAad = (aad: string, path: string): string => JSON.stringify([aad, path]);

/** A deep copy of `obj` with each present path's value replaced; the input is never mutated. */
function mapPaths<T extends object>(obj: T, paths: readonly string[], fn: (value: unknown, path: string) => unknown): T {
  const out = structuredClone(obj) as T & Record<string, unknown>;
  for (const path of paths) {
    const value = getPath(out, path);
    if (value !== undefined) setPath(out, path, fn(value, path));
  }
  return out;
}

/** `keysSpec` is FIELD_ENCRYPTION_KEYS; throws ConfigError naming that variable when it is unusable. */
export function createFieldCipher(keysSpec: string): FieldCipher {
  const { activeKid, keys } = parseKeyRing(keysSpec);
  const activeKey = keys.get(activeKid)!;

  function encrypt(value: unknown, aad?: string): EncryptedField {
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) throw new FieldCipherError('field_unserialisable', 'value has no JSON representation');
    const iv = nextIv();
    const cipher = createCipheriv(ALGORITHM, activeKey, iv, { authTagLength: TAG_BYTES });
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
    return { _enc: 1, kid: activeKid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
  }

  function decrypt<T = unknown>(field: EncryptedField, aad?: string): T {
    if (!isEncrypted(field)) throw new FieldCipherError('field_malformed', 'not an encrypted field');
    const key = keys.get(field.kid);
    if (!key) throw new FieldCipherError('field_key_unknown', `key id "${field.kid}" is not in FIELD_ENCRYPTION_KEYS`);
    const iv = Buffer.from(field.iv, 'base64');
    const tag = Buffer.from(field.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new FieldCipherError('field_malformed', 'IV or tag has the wrong length');
    let json: string;
    try {
      // authTagLength pins the tag size: GCM would otherwise accept truncated (forgeable) tags.
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      json = Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new FieldCipherError('field_tampered', 'ciphertext failed authentication (altered, or bound to another owner)', { cause });
    }
    try {
      return JSON.parse(json) as T;
    } catch (cause) {
      throw new FieldCipherError('field_malformed', 'decrypted value is not JSON', { cause });
    }
  }

  const needsRotation = (field: EncryptedField): boolean => field.kid !== activeKid;

  function reencryptIfStale(field: EncryptedField, aad?: string): EncryptedField | null {
    return needsRotation(field) ? encrypt(decrypt(field, aad), aad) : null;
  }

  function encryptFields<T extends object>(obj: T, paths: readonly string[], aad: string): T {
    return mapPaths(obj, paths, (value, path) => {
      if (isEncrypted(value)) throw new FieldCipherError('field_double_encrypt', `"${path}" is already encrypted`);
      return encrypt(value, fieldAad(aad, path));
    });
  }

  function decryptFields<T extends object>(obj: T, paths: readonly string[], aad: string): T {
    return mapPaths(obj, paths, (value, path) => {
      if (!isEncrypted(value)) throw new FieldCipherError('field_not_encrypted', `"${path}" holds a plain value`);
      return decrypt(value, fieldAad(aad, path));
    });
  }

  function reencryptStaleFields(obj: object, paths: readonly string[], aad: string): Record<string, EncryptedField> {
    const updates: Record<string, EncryptedField> = {};
    for (const path of paths) {
      const value = getPath(obj as Record<string, unknown>, path);
      if (!isEncrypted(value)) continue;
      const fresh = reencryptIfStale(value, fieldAad(aad, path));
      if (fresh) updates[path] = fresh;
    }
    return updates;
  }

  return { activeKid, encrypt, decrypt, needsRotation, reencryptIfStale, encryptFields, decryptFields, reencryptStaleFields };
}
