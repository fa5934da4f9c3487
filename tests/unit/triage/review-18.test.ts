import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * An eighteenth independent review (of rounds 70–73's fixes, 220 probes written from the reference). Sentences written
 * for this file.
 */
describe('the eighteenth session review', () => {
  it.each([
    // A sudden onset in a later clause is told, whatever hypothetical opened the sentence.
    ['如果你们有医生在线，我爸突然说不出话了', 'stroke'],
    ['万一是中风怎么办，我爸突然右边手脚没力气了', 'stroke'],
    // A regret or a question closes the hypothetical; what follows is told as it is.
    ['要是能早点发现就好了，我妈刚才突然倒了，叫不醒', 'unconscious'],
    ['如果我早点把药收好就好了，孩子刚才把一整瓶降压药吃了', 'poisoning'],
    // A goodbye with tonight's plan, or not troubling anyone any more with it.
    ['这些年谢谢你们，我今晚就去找她了', 'suicide'],
    ['这段时间麻烦你们了，以后不会再麻烦了，今晚就结束', 'suicide'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['如果他醒来，突然说不出话怎么办'],
    ['今晚就去找她吃饭，谢谢这段时间的帮忙'],
    ['如果老人突然摔倒了，能不能马上扶起来'],
  ])('not 120: %s', (text) => notEmergency(text));
});
