import * as z from 'zod';
import { DISPOSITIONS, INTENTS, RED_FLAGS, type Classification } from '../../domain/triage/types';
import { LlmTimeoutError, withTimeBudget, type Llm } from '../../ports/llm';
import type { Logger } from '../../ports/logger';
import type { StoredClassification } from './records';

export interface ClassifyStepOptions {
  llm?: Llm;
  /** Hard budget for the model (HUNYUAN_TIMEOUT_MS); past it the local result stands. */
  timeoutMs: number;
  /**
   * Routine messages the local classifier is at least this sure of skip the model; urgent ones and
   * less certain routine ones always get a second opinion (it can only raise, see mergeSecondOpinion).
   */
  askBelowConfidence: number;
  log?: Logger;
}

/**
 * The model's brief: the red-flag criteria of docs/reference/clinical-triage.md §3 in short, the
 * dispositions of §2 and the 4R intents. It answers one line of JSON; the text is never logged.
 */
const SYSTEM_PROMPT = [
  '你是企业微信健康社群的分诊助手，只做分级和意图分类，不回答问题。客户可能用方言、拼音、英文、错别字或替家人描述。',
  '先判断紧急程度 disposition：',
  'emergency=现在就有生命危险，需立即拨打120：胸痛胸闷持续不缓解或伴出汗/放射痛；突发口角歪斜、一侧无力麻木、说话不清、视物不清（症状已缓解也算）；',
  '突发最剧烈头痛；撕裂样胸背痛；静息时喘不上气、嘴唇发紫；叫不醒、意识不清；抽搐超过5分钟或反复、首次抽搐、孕期抽搐；止不住的出血、呕血、黑便伴头晕；',
  '严重过敏（喉咙发紧、嘴唇脸肿、喘）；有自杀/自伤意图、计划或告别；血压≥180/110；血糖≥16.7或≤2.8或低血糖伴意识改变；3个月以下婴儿发烧≥38℃或孩子发烧伴抽搐、叫不醒、不吃奶、皮疹按压不褪色、颈硬；',
  '孕期出血伴腹痛、破水、胎动明显减少；中毒或大量服药、一氧化碳；噎住不能说话；大面积或面部烧伤、电击伤；头部外伤伴呕吐犯困或老人/吃抗凝药者头部外伤；',
  '心率>150或<40，心慌伴晕厥；高处坠落、车祸受伤、溺水、触电、毒蛇咬伤、中暑神志不清；单纯呼救“救命”。',
  'urgent=今天需要医生看，但不必叫120；routine=可以等几小时回复。拿不准时选更紧急的一级。已经过去的病史、科普、保险条款、服务名称、夸张说法不算紧急。',
  `kind 取以下之一或 null：${RED_FLAGS.join(', ')}。`,
  'intent：medical=医疗健康；service=服务操作、提醒、表单、小程序、账号、投诉；rights=体检、绿通、积分、活动、讲座；insurance=保单、理赔、续保、保费、保障；other=问候闲聊。',
  '只输出一行JSON，例如 {"disposition":"routine","kind":null,"intent":"insurance","confidence":0.8}，不要输出其他内容。',
].join('\n');

const AnswerSchema = z
  .object({
    disposition: z.enum(DISPOSITIONS).optional(),
    // An unknown kind still raises (as a call for help): only the kind is dropped.
    kind: z.enum(RED_FLAGS).nullable().optional().catch(undefined),
    intent: z.enum(INTENTS).optional(),
    confidence: z.number().min(0).max(1).optional(),
  })
  .refine((a) => a.disposition !== undefined || a.intent !== undefined);

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
  disposition: c.disposition,
  emergency: c.emergency,
  redFlags: [...c.redFlags],
  ...(c.disposition === 'urgent' && { watchFor: [...c.watchFor] }),
  confidence: c.confidence,
  by,
  llm,
});

let classifier: Promise<typeof import('../../domain/triage/classifier-entry')> | undefined;
/**
 * The classifier and its lexicons load on the first message, not at import: they are half the triage
 * bundle, and a cold start that answers a timer, a staff page or /healthz does not need them.
 */
const loadClassifier = () => (classifier ??= import('../../domain/triage/classifier-entry'));

/**
 * Local classification first, always; emergencies are decided there and never wait for the model.
 * The optional model is a second opinion that can only raise (mergeSecondOpinion): an urgent or
 * uncertain routine message may become urgent or an emergency, a routine one may be re-routed; a
 * timeout, an error or an unusable answer keeps the local result.
 */
export async function classifyMessage(text: string, o: ClassifyStepOptions): Promise<StoredClassification> {
  const { classify, mergeSecondOpinion } = await loadClassifier();
  const local = classify(text);
  if (!o.llm) return stored(local, 'local', 'off');
  const sure = local.disposition === 'routine' && local.confidence >= o.askBelowConfidence;
  if (local.emergency || sure) return stored(local, 'local', 'skipped');
  const llm = o.llm;
  try {
    const answer = await withTimeBudget(o.timeoutMs, (signal) =>
      llm.chat({ messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: text }], signal, temperature: 0 }),
    );
    const parsed = parseLlmAnswer(answer.text);
    if (!parsed) return stored(local, 'local', 'error');
    const merged = mergeSecondOpinion(local, parsed);
    return merged === local ? stored(local, 'local', 'unchanged') : stored(merged, 'llm', 'used');
  } catch (err) {
    const timeout = err instanceof LlmTimeoutError;
    // Never the text: only which model and what went wrong.
    o.log?.warn('triage model step skipped', { model: llm.name, reason: timeout ? 'timeout' : err instanceof Error ? err.name : 'error' });
    return stored(local, 'local', timeout ? 'timeout' : 'error');
  }
}
