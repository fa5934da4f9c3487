import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of messages that held-out round 30 exposed, each tested with sentences written for this
 * file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
describe('round 30 families', () => {
  it.each([
    ['拉了两次黑便像柏油一样刚才站起来眼前一黑差点摔倒头晕得厉害', 'bleeding'],
    ['大便是黑的今天第三次了起身的时候差点摔倒头晕出冷汗', 'bleeding'],
  ])('black stools with a near-faint, written without punctuation (差点摔倒 is not a knock to the head): %s', (text, flag) =>
    emergency(text, flag),
  );

  it('a knock to the head is still read when it is one', () => emergency('奶奶82岁，摔到头了，吃着华法林', 'head_injury'));

  it.each([['Stung by a jellyfish, burning pain on my leg, breathing fine'], ['I have heartburn after dinner, a burning feeling in my chest when I lie down, no pain in my arm']])(
    'a burning pain is how it hurts, not a burn: %s',
    (text) => notEmergency(text),
  );

  it.each([
    ['我六十八了，昨天吃了剩菜，今天拉了六七次还吐了两回，没力气'],
    ['膝盖突然肿起来，红红的，疼得厉害，走不了路'],
    ['I have burning when I pee and a bit of blood in the urine since this morning'],
  ])('a doctor today: an elderly member drying out (我六十八了), a hot swollen joint, blood in the urine in English: %s', (text) => urgent(text));
});

describe('round 31 families', () => {
  it.each([
    ['胸口憋的慌二十分钟了吃了救心丸也没用出冷汗', 'chest_pain'],
    ['心口压的慌含了三粒救心丸还是不行背上也痛', 'chest_pain'],
  ])('chest pressure with 的 for 得, nitro tablets not helping: %s', (text, flag) => emergency(text, flag));

  it.each([['我妈刚才还好好的，突然喊她都不晓得答应了', 'unconscious'], ['老汉儿突然连我都认不到了', 'unconscious']])(
    'sudden confusion in Sichuan words: %s',
    (text, flag) => emergency(text, flag),
  );
});
