import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { WecomCallbackError } from '../../../shared/adapters/wecom/callback/errors';

const FIXTURES = join(__dirname, '../../fixtures/wecom');

export const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

interface Keys {
  token: string;
  encodingAesKey: string;
  corpId: string;
}
export interface OfficialVectors {
  config: Keys;
  urlVerification: {
    query: { msg_signature: string; timestamp: string; nonce: string; echostr: string };
    rawQueryString: string;
    echo: string;
    random: string;
  };
  postMessage: {
    query: { msg_signature: string; timestamp: string; nonce: string };
    body: string;
    encrypt: string;
    plaintext: string;
    random: string;
    agentId: string;
  };
  derivedReply: {
    plaintext: string;
    random: string;
    timestampS: number;
    nonce: string;
    encrypt: string;
    msgSignature: string;
  };
  pythonJsonVectorD: {
    config: Keys;
    query: { msg_signature: string; timestamp: string; nonce: string; echostr: string };
    echo: string;
  };
}

export const vectors = JSON.parse(fixtureText('official-vectors.json')) as OfficialVectors;

/** Runs `fn`, asserts it threw a WecomCallbackError with this code/reason, returns the error. */
export function expectCallbackError(fn: () => unknown, code: string, reason?: string): WecomCallbackError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(WecomCallbackError);
  const err = thrown as WecomCallbackError;
  expect(err.code).toBe(code);
  if (reason !== undefined) expect(err.reason).toBe(reason);
  return err;
}
