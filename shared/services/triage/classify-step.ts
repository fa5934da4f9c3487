import * as z from 'zod';
import { classify, mergeRefinement, INTENTS, type Classification } from '../../domain/triage';
import { LlmTimeoutError, withTimeBudget, type Llm } from '../../ports/llm';
import type { Logger } from '../../ports/logger';
import type { StoredClassification } from './records';

export interface ClassifyStepOptions {
  llm?: Llm;
  /** Hard budget for the model (HUNYUAN_TIMEOUT_MS); past it the local result stands. */
  timeoutMs: number;
  /** The model is asked only about routine messages the local classifier is less sure of than this. */
  askBelowConfidence: number;
  log?: Logger;
}

const SYSTEM_PROMPT = [
  '你是企业微信健康社群的分诊助手，只做意图分类，不回答问题。',
  '把客户消息归入一个意图：',
  'medical=身体症状、疾病、用药、检查报告等医疗健康问题；',
  'service=服务操作、提醒、表单、小程序、账号、投诉等基础问答；',
  'rights=体检、绿通、积分、活动、讲座、专家号等健康权益；',
  'insurance=保单、理赔、续保、保费、保障缺口等保险问题；',
  'other=问候、感谢、闲聊。',
  '只输出一行JSON，例如 {"intent":"medical","confidence":0.8}，不要输出其他内容。',
].join('\n');

const AnswerSchema = z.object({ intent: z.enum(INTENTS), confidence: z.number().min(0).max(1).optional() });

/** Model output is untrusted: the first JSON object in it, if it names a known intent. */
export function parseLlmAnswer(text: string): z.infer<typeof AnswerSchema> | null {
  const match = /\{[^{}]*\}/.exec(text);
  if (!match) return null;
  try {
    const parsed = AnswerSchema.safeParse(JSON.parse(match[0]));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const stored = (c: Classification, by: StoredClassification['by'], llm: StoredClassification['llm']): StoredClassification => ({
  intent: c.intent,
  role: c.role,
  emergency: c.emergency,
  redFlags: [...c.redFlags],
  confidence: c.confidence,
  by,
  llm,
});

/**
 * Local classification first, always; emergencies are decided there and never wait for the model.
 * The optional model may re-route a routine message (mergeRefinement keeps every emergency as it
 * is); a timeout, an error or an unusable answer keeps the local result.
 */
export async function classifyMessage(text: string, o: ClassifyStepOptions): Promise<StoredClassification> {
  const local = classify(text);
  if (!o.llm) return stored(local, 'local', 'off');
  if (local.emergency || local.confidence >= o.askBelowConfidence) return stored(local, 'local', 'skipped');
  const llm = o.llm;
  try {
    const answer = await withTimeBudget(o.timeoutMs, (signal) =>
      llm.chat({ messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: text }], signal, temperature: 0 }),
    );
    const parsed = parseLlmAnswer(answer.text);
    if (!parsed) return stored(local, 'local', 'error');
    const merged = mergeRefinement(local, parsed.intent, parsed.confidence);
    return merged === local ? stored(local, 'local', 'unchanged') : stored(merged, 'llm', 'used');
  } catch (err) {
    const timeout = err instanceof LlmTimeoutError;
    // Never the text: only which model and what went wrong.
    o.log?.warn('triage model step skipped', { model: llm.name, reason: timeout ? 'timeout' : err instanceof Error ? err.name : 'error' });
    return stored(local, 'local', timeout ? 'timeout' : 'error');
  }
}
