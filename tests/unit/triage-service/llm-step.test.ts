import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyMessage, parseLlmAnswer } from '../../../shared/services/triage/classify-step';
import { createHunyuanLlm, type HunyuanChatClient } from '../../../shared/adapters/hunyuan/hunyuan-llm';
import { llmFromConfig } from '../../../shared/adapters/hunyuan/llm-from-config';
import { withTimeBudget, LlmTimeoutError } from '../../../shared/ports/llm';
import { FakeLlm, ingestKf, startHarness, type Harness } from './harness';

const EMERGENCY = '我爸胸口疼得厉害，一直出冷汗';
/** The local classifier is unsure about this one (no lexicon hit): confidence 0.5, intent other. */
const VAGUE = '今天天气不错，最近睡眠不好';

describe('the optional model step', () => {
  it('never lowers an emergency, whatever the model says, and is not even asked about one', async () => {
    const llm = new FakeLlm({ answer: '{"intent":"other","confidence":1}' });
    const c = await classifyMessage(EMERGENCY, { llm, timeoutMs: 500, askBelowConfidence: 1.01 });
    expect(c).toMatchObject({ emergency: true, role: 'family_doctor', intent: 'medical', by: 'local', llm: 'skipped' });
    expect(c.redFlags).toContain('chest_pain');
    expect(llm.asked).toEqual([]);
  });

  it('re-routes a routine message the local classifier was unsure about', async () => {
    const llm = new FakeLlm({ answer: '好的，分类结果：{"intent":"medical","confidence":0.9}' });
    const c = await classifyMessage(VAGUE, { llm, timeoutMs: 500, askBelowConfidence: 0.8 });
    expect(c).toMatchObject({ intent: 'medical', role: 'family_doctor', emergency: false, by: 'llm', llm: 'used', confidence: 0.9 });
    expect(llm.asked).toEqual([VAGUE]);
  });

  it('raises a routine message the model reads as an emergency, and briefs it with the reference criteria', async () => {
    const llm = new FakeLlm({ answer: '{"disposition":"emergency","kind":"stroke","intent":"medical","confidence":0.8}' });
    const c = await classifyMessage(VAGUE, { llm, timeoutMs: 500, askBelowConfidence: 1.01 });
    expect(c).toMatchObject({ disposition: 'emergency', emergency: true, redFlags: ['stroke'], role: 'family_doctor', by: 'llm', llm: 'used' });
  });

  it('cannot lower an urgent message', async () => {
    const llm = new FakeLlm({ answer: '{"disposition":"routine","intent":"insurance"}' });
    const c = await classifyMessage('血压170/105', { llm, timeoutMs: 500, askBelowConfidence: 1.01 });
    expect(c).toMatchObject({ disposition: 'urgent', role: 'family_doctor', by: 'local', llm: 'unchanged' });
  });

  it('does not ask the model when the local classifier is confident', async () => {
    const llm = new FakeLlm({ answer: '{"intent":"insurance"}' });
    const c = await classifyMessage('我的积分可以兑换体检套餐吗', { llm, timeoutMs: 500, askBelowConfidence: 0.8 });
    expect(c).toMatchObject({ intent: 'rights', by: 'local', llm: 'skipped' });
    expect(llm.asked).toEqual([]);
  });

  it('keeps the local result when the model is too slow, even if the model ignores the abort', async () => {
    // Would answer "medical" after 2 s: the local answer below proves the caller stopped waiting.
    const llm = new FakeLlm({ answer: '{"intent":"medical"}', delayMs: 2_000, ignoreAbort: true });
    const c = await classifyMessage(VAGUE, { llm, timeoutMs: 50, askBelowConfidence: 0.8 });
    expect(c).toMatchObject({ intent: 'other', role: 'health_butler', by: 'local', llm: 'timeout' });
  });

  it('keeps the local result when the model fails or answers nonsense', async () => {
    const failing = await classifyMessage(VAGUE, { llm: new FakeLlm({ fail: true }), timeoutMs: 200, askBelowConfidence: 0.8 });
    expect(failing).toMatchObject({ intent: 'other', llm: 'error' });
    const nonsense = await classifyMessage(VAGUE, { llm: new FakeLlm({ answer: '{"intent":"emergency_surgery"}' }), timeoutMs: 200, askBelowConfidence: 0.8 });
    expect(nonsense).toMatchObject({ intent: 'other', llm: 'error' });
    expect(parseLlmAnswer('no json here')).toBeNull();
    expect(parseLlmAnswer('{"intent":"rights","confidence":3}')).toBeNull();
  });

  it('withTimeBudget aborts the signal and rejects with LlmTimeoutError', async () => {
    let aborted = false;
    await expect(
      withTimeBudget(20, (signal) => new Promise((resolve) => {
        signal.addEventListener('abort', () => { aborted = true; });
        setTimeout(resolve, 500);
      })),
    ).rejects.toBeInstanceOf(LlmTimeoutError);
    expect(aborted).toBe(true);
  });
});

describe('the model inside the service', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('an emergency ticket stays an emergency with a model that calls everything small talk', async () => {
    h.withService({ llm: new FakeLlm({ answer: '{"intent":"other","confidence":1}' }), options: { llmAskBelowConfidence: 1.01 } });
    await h.addMember('wmLlmSos');
    const result = await ingestKf(h, 'wmLlmSos', EMERGENCY);
    expect(result).toMatchObject({ emergency: true, role: 'family_doctor' });
    expect((await h.ticket(result.ticketId as string)).emergency).toBe(true);
  });

  it('a timed-out model leaves the routing to the local classifier and is recorded on the ticket', async () => {
    h.withService({ llm: new FakeLlm({ answer: '{"intent":"insurance"}', delayMs: 1_000 }), options: { llmTimeoutMs: 30 } });
    await h.addMember('wmLlmSlow');
    const result = await ingestKf(h, 'wmLlmSlow', VAGUE);
    expect(result.role).toBe('health_butler');
    const classified = (await h.events(result.ticketId as string)).find((e) => e.type === 'classified');
    expect(classified?.meta).toMatchObject({ by: 'local', llm: 'timeout' });
  });
});

describe('Hunyuan adapter', () => {
  it('maps the request to ChatCompletions and reads Choices[0].Message.Content; the client is built once, on first use', async () => {
    const calls: unknown[] = [];
    let built = 0;
    const client: HunyuanChatClient = {
      async ChatCompletions(req) {
        calls.push(req);
        return { Choices: [{ Message: { Content: '{"intent":"rights"}' } }] };
      },
    };
    const llm = createHunyuanLlm({ model: 'hunyuan-lite', region: 'ap-guangzhou', credential: {}, timeoutMs: 1000, createClient: async () => { built += 1; return client; } });
    expect(built).toBe(0);
    const signal = new AbortController().signal;
    const res = await llm.chat({ messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }], signal, temperature: 0 });
    await llm.chat({ messages: [{ role: 'user', content: 'again' }], signal });
    expect(res.text).toBe('{"intent":"rights"}');
    expect(built).toBe(1);
    expect(calls[0]).toEqual({ Model: 'hunyuan-lite', Messages: [{ Role: 'system', Content: 's' }, { Role: 'user', Content: 'u' }], Stream: false, Temperature: 0 });
  });

  it('turns an ErrorMsg or an empty answer into an error', async () => {
    const make = (answer: Awaited<ReturnType<HunyuanChatClient['ChatCompletions']>>) =>
      createHunyuanLlm({ model: 'm', region: 'r', credential: {}, timeoutMs: 1000, createClient: async () => ({ ChatCompletions: async () => answer }) });
    const signal = new AbortController().signal;
    await expect(make({ ErrorMsg: { Msg: 'model timeout', Code: 4001 } }).chat({ messages: [], signal })).rejects.toThrow('4001');
    await expect(make({ Choices: [] }).chat({ messages: [], signal })).rejects.toThrow('without content');
  });

  it('is off unless HUNYUAN_ENABLED', async () => {
    const h = await startHarness();
    try {
      expect(llmFromConfig(h.deps.config)).toBeUndefined();
      expect(llmFromConfig({ ...h.deps.config, HUNYUAN_ENABLED: true })?.name).toBe('hunyuan-lite');
    } finally {
      await h.close();
    }
  });
});
