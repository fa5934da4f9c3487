import { CHITCHAT_MARKS, INTENT_LEXICON, INTENT_TIE_ORDER } from './lexicon/intents';
import { CLAUSE_SEP, SENTENCE_SEP } from './normalize';
import { compileIndexedByStart } from './pattern';
import { INTENTS, type Intent } from './types';

/** One intent's phrases that can start at a character: a sticky regex, and its capture groups' phrase indices. */
interface StartEntry {
  readonly intent: Intent;
  /** The intent's index in INTENTS: a message's per-intent scan state lives in an array. */
  readonly index: number;
  readonly re: RegExp;
  readonly order: readonly number[];
}

let compiled: ReadonlyMap<number, readonly StartEntry[]> | undefined;

/**
 * Character code → the intents with phrases starting with it (in INTENTS order), compiled on first use, not
 * at cold start (the lexicons are large; a function may never classify).
 */
function compiledIntents(): ReadonlyMap<number, readonly StartEntry[]> {
  if (compiled) return compiled;
  const atChar = new Map<number, StartEntry[]>();
  for (const [index, intent] of INTENTS.entries()) {
    for (const [code, { re, order }] of compileIndexedByStart(INTENT_LEXICON[intent].map(([phrase]) => phrase))) {
      atChar.set(code, [...(atChar.get(code) ?? []), { intent, index, re, order }]);
    }
  }
  return (compiled = atChar);
}

interface Hit {
  readonly intent: Intent;
  readonly phraseIndex: number;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
}

/** Where each intent's last match ends in the message being scanned. */
const lastEnd = new Int32Array(INTENTS.length);

/** Per intent, the non-overlapping matches left to right that a global scan of its whole alternation would find. */
function collectHits(text: string): Hit[] {
  const hits: Hit[] = [];
  const atChar = compiledIntents();
  lastEnd.fill(0);
  for (let i = 0; i < text.length; i++) {
    for (const { intent, index, re, order } of atChar.get(text.charCodeAt(i)) ?? []) {
      if ((lastEnd[index] as number) > i) continue;
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      const phraseIndex = order[m.findIndex((g, k) => k > 0 && g !== undefined) - 1] as number;
      const weight = (INTENT_LEXICON[intent][phraseIndex] as readonly [string, number])[1];
      hits.push({ intent, phraseIndex, weight, start: i, end: i + m[0].length });
      lastEnd[index] = i + m[0].length;
    }
  }
  return hits;
}

/** Longest match wins where phrases overlap (体检报告*解读 over 体检); heavier weight breaks ties. */
function resolveOverlaps(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.weight - a.weight || a.start - b.start,
  );
  const taken: Hit[] = [];
  for (const h of sorted) {
    if (taken.some((t) => h.start < t.end && t.start < h.end)) continue;
    taken.push(h);
  }
  return taken;
}

export interface IntentScore {
  readonly intent: Intent;
  readonly confidence: number;
  readonly scores: Readonly<Record<Intent, number>>;
}

/**
 * Asks as chat writes them (腿酸 正常不, 要紧不, 有啥药膏, 有用马, any tips): with a laugh beside them the message still
 * asks, so the laugh does not make it chat.
 */
const LOOSE_ASK_RE = /[^\s，。]不(?:[，。]|$)|[吗马嘛么]|吧(?:[，。]|$)|啥|有没有|有无|真的假的|还是|推荐|还能|可以(?:[，。]|$)|请医生|开点药|(?<![a-z])(?:any|how|what|where|when|why|whether|can|could|should|anything|tips|is it|do i)(?![a-z])/;

let chitchat: RegExp | undefined;
const chitchatRe = (): RegExp => (chitchat ??= new RegExp(CHITCHAT_MARKS.join('|')));

const round2 = (x: number): number => Math.round(x * 100) / 100;

const LAST_SENTENCE_WEIGHT = 1.5;
/** Enough thanks to be a thank-you message (谢谢*你们 4, 辛苦了 3 …; a lone 谢谢 is 1). */
const THANKS_WEIGHT = 3;
/** Words that ask something: a message with one of them is not only thanks. */
const PLAIN_ASK_WORDS = '吗|有没有|怎么|咋|能不能|可不可以|可以不|是否|请问|想问|问一下|咨询|要不要|如何|为啥|为什么|([\\u4e00-\\u9fff])不\\1';
/** Question words that also tell (住了几天院, 什么都吃不下, 多久没睡好) and requests. */
const ASKS_RE = new RegExp(`${PLAIN_ASK_WORDS}|多少|多久|什么|哪|几|呢|帮我|麻烦|[^\\s，。不]不(?=[，。]|$)`);
const PLAIN_ASKS_RE = new RegExp(PLAIN_ASK_WORDS);

/** Told, not asked: 教人怎么做 (a lecture taught how), 谢谢你上次帮我约 (thanks for help already given). */
const TOLD = /(?:教|学会了?|学到了?)[^，。]{0,3}(?:怎么|如何)|(?:谢谢|感谢|多谢)[^，。]{0,4}帮我|上[次趟回]帮我/g;
const ASKS = { test: (s: string): boolean => ASKS_RE.test(s.replace(TOLD, '')) };
const PLAIN_ASKS = { test: (s: string): boolean => PLAIN_ASKS_RE.test(s.replace(TOLD, '')) };

/**
 * The sentence that carries the question, weighed more: the last one, unless only an earlier one asks
 * ("我的保险保不保高血压。我血压一直150左右": the second sentence is context for the first).
 */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** The sentences of normalised text, in order. */
function sentenceSpans(text: string): Span[] {
  const ends = [...text.matchAll(new RegExp(SENTENCE_SEP, 'g'))].map((m) => m.index);
  return [...ends, text.length].map((end, k) => ({ start: k === 0 ? 0 : (ends[k - 1] as number) + 1, end }));
}

function questionSentence(spans: readonly Span[], text: string): Span | undefined {
  if (spans.length < 2) return undefined;
  const last = spans[spans.length - 1] as Span;
  // A plain ask (吗, 怎么, 能不能) outweighs a question word that also tells (住了几天院, 什么都吃不下).
  for (const asks of [PLAIN_ASKS, ASKS]) {
    for (let k = spans.length - 1; k >= 0; k--) {
      const s = spans[k] as Span;
      if (asks.test(text.slice(s.start, s.end))) return s;
    }
  }
  return last;
}

/** What a thanked sentence before the question weighs: 积分兑换的礼品收到了，谢谢 is a matter closed. */
const SETTLED_WEIGHT = 0.5;
const THANKED = /谢谢|感谢|多谢|辛苦了|收到了/;

/**
 * In a message of one sentence, its last clause when that clause asks plainly and the message has three clauses or more
 * (…心电图和抽血都正常，医生说是肋软骨炎，急诊这个钱能报吗): the story before it is context for the question.
 */
function askingClause(text: string): Span | undefined {
  const cut = text.lastIndexOf(CLAUSE_SEP);
  if (cut < 0 || text.split(CLAUSE_SEP).length < 3) return undefined;
  const last = { start: cut + 1, end: text.length };
  return PLAIN_ASKS.test(text.slice(last.start, last.end)) ? last : undefined;
}

/** The sentences before the question that thank for something and ask nothing. */
function settledSentences(spans: readonly Span[], text: string, question: Span): Span[] {
  return spans.filter((s) => s.end <= question.start && THANKED.test(text.slice(s.start, s.end)) && !ASKS.test(text.slice(s.start, s.end)));
}

/**
 * A matter raised after another (体检报告什么时候出。对了我这两天胸口偶尔刺一下; 续保搞好了。顺便问一下降压药早上吃还是晚上吃):
 * the member turns to what they are writing about, so the sentences before the turn weigh as settled. normalize.ts starts a
 * sentence at each of these words (TOPIC_SWITCH).
 */
const TURNED_TO = /^(?:顺便|顺带|对了)/;

function turnedTo(spans: readonly Span[], text: string): number {
  for (let k = spans.length - 1; k > 0; k--) {
    const sentence = text.slice((spans[k] as Span).start, (spans[k] as Span).end);
    // Only a turn that asks: 顺便说下…现在挺好 tells in passing, and the question before it stays the matter.
    if (TURNED_TO.test(sentence) && ASKS.test(sentence)) return k;
  }
  return -1;
}

/** Weight of each symptom concept described as happening now, and the most they add together. */
const SYMPTOM_WEIGHT = 3;
const SYMPTOM_CAP = 6;
/** How many live symptom concepts can change the score: counting more is wasted work. */
export const SYMPTOMS_THAT_COUNT = Math.ceil(SYMPTOM_CAP / SYMPTOM_WEIGHT);

/**
 * Emoji that cheer, laugh or thank (🎉 🥳 🤣 😂 👍 🙏 😍, WeChat's [偷笑] [抱拳]), read on the raw text: normalisation drops emoji.
 * Not 😭: tears go with pain; not 🙄: an eye-roll complains of a condition (血糖一直控制不好🙄); not [捂脸], as often a wince
 * (疼死我了[捂脸]) as a laugh.
 */
export const CHAT_EMOJI_RE = /🎉|🥳|🤣|😂|👍|🙏|😍|😊|🥰|\[(?:偷笑|呲牙|抱拳|破涕为笑|奸笑|耶|强|胜利|玫瑰|爱心)\]/u;

/** Medical words lead (or tie): the service, rights and insurance questions keep their consultants whatever the emoji. */
const medicalLeads = (scores: Readonly<Record<Intent, number>>): boolean => scores.medical >= Math.max(scores.service, scores.rights, scores.insurance);

/**
 * Scores normalised text against the intent lexicon. Each phrase counts once per message. Symptoms
 * described as happening now (`liveSymptoms`, from the red-flag concepts) count as medical talk, so a
 * present symptom after a question about points still reaches the family doctor.
 */
export function scoreIntent(text: string, evidence: { liveSymptoms?: number; asked?: boolean; chatEmoji?: boolean } = {}): IntentScore {
  const scores: Record<Intent, number> = { medical: 0, service: 0, rights: 0, insurance: 0, other: 0 };
  scores.medical += Math.min(SYMPTOM_CAP, SYMPTOM_WEIGHT * (evidence.liveSymptoms ?? 0));
  const seen = new Set<string>();
  // In a message of several sentences the question usually comes last ("积分收到了，谢谢。另外想问…").
  const spans = sentenceSpans(text);
  const turn = turnedTo(spans, text);
  const question = turn > 0 ? (questionSentence(spans.slice(turn), text) ?? spans[turn]) : (questionSentence(spans, text) ?? askingClause(text));
  const settled = turn > 0 ? spans.slice(0, turn) : question ? settledSentences(spans, text, question) : [];
  for (const h of resolveOverlaps(collectHits(text))) {
    const key = `${h.intent}:${h.phraseIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const inQuestion = question !== undefined && h.start >= question.start && h.start < question.end;
    const inSettled = settled.some((s) => h.start >= s.start && h.start < s.end);
    scores[h.intent] += inQuestion ? h.weight * LAST_SENTENCE_WEIGHT : inSettled ? h.weight * SETTLED_WEIGHT : h.weight;
  }
  // Thanks with nothing asked (谢谢你们，我爸复健进展很好) is chit-chat for the butler, whatever it mentions; so is a laugh
  // or a story with nothing asked (今天爬山累死了 腿疼死了😂, 昨晚看的电影男主心脏病发作).
  if (scores.other >= THANKS_WEIGHT && !ASKS.test(text)) return { intent: 'other', confidence: 0.6, scores };
  // News shared with a cheer, a laugh or thanks (🎉, 😂, 🙏) and nothing asked (老爷子今天自己走了五千步🎉 去年脑梗那会儿都下不了床):
  // chat for the butler, unless it tells a symptom now or a reading (今天血压128/80👍 stays the doctor's).
  if (evidence.chatEmoji && !evidence.liveSymptoms && !/\d/.test(text) && !evidence.asked && !ASKS.test(text) && !LOOSE_ASK_RE.test(text) && medicalLeads(scores)) {
    return { intent: 'other', confidence: 0.6, scores };
  }
  if (chitchatRe().test(text) && !evidence.asked && !ASKS.test(text) && !LOOSE_ASK_RE.test(text)) return { intent: 'other', confidence: 0.6, scores };
  const ranked = [...INTENT_TIE_ORDER].sort(
    (a, b) => scores[b] - scores[a] || INTENT_TIE_ORDER.indexOf(a) - INTENT_TIE_ORDER.indexOf(b),
  );
  const top = ranked[0] as Intent;
  const best = scores[top];
  // Nothing recognised: "other" for the butler, with low confidence.
  if (best === 0) return { intent: 'other', confidence: 0.3, scores };
  const second = scores[ranked[1] as Intent];
  const share = best / (best + second);
  const strength = Math.min(1, best / 4);
  return { intent: top, confidence: round2(0.35 + 0.6 * share * strength), scores };
}
