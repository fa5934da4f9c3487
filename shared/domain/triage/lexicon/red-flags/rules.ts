import type { RedFlagPattern, RedFlagRules } from './types';

/**
 * The red-flag catalogue of docs/reference/clinical-triage.md §3, kind by kind, as criteria over
 * concepts (core-groups.ts, more-groups.ts and the computed person/number groups). Any emergency
 * criterion makes the message an emergency; `disposition: 'urgent'` criteria mean "a doctor today".
 * Where the reference says "when in doubt, the more urgent", an unqualified present symptom leans to
 * emergency with a lower confidence rather than to routine.
 */
export const RED_FLAG_RULES: RedFlagRules = {
  chest_pain: {
    labelZh: '胸痛/疑似心梗',
    patterns: [
      { all: ['chest_crushing'], except: ['not_cardiac'] },
      // A heart attack named in a laugh (再输一把就要心梗了 哈哈哈) is hyperbole; a symptom told with a laugh still counts.
      // A heart attack told with its death (说是心梗，120来了抢救了半天，最后还是没救过来): a story, not a call.
      { all: ['cardiac_event'], except: ['not_cardiac'], unlessMessage: ['joke', 'death_story', 'death_long_past'] },
      // A death long past before it does not cover an attack told as under way (我妈前年走了，我爸心梗了).
      { all: ['cardiac_event', 'cardiac_onset'], scope: 'clause', except: ['not_cardiac'], unlessMessage: ['joke', 'death_story'] },
      // …unless the death is what the member fears (我怕他最后还是没救过来): the attack is under way.
      { all: ['cardiac_event', 'death_fear'], except: ['not_cardiac'], unlessMessage: ['joke'] },
      // …or when it comes on suddenly or today, whoever died before (外公去年走了，今天我爸也突然心梗了).
      { all: ['cardiac_event', 'sudden'], scope: 'clause', except: ['not_cardiac'], unlessMessage: ['joke'] },
      { all: ['cardiac_event', 'event_today'], scope: 'clause', except: ['not_cardiac'], unlessMessage: ['joke'] },
      // Someone collapsing as the message is written (突然猝死了，怎么办): a cardiac arrest, whatever word is used for it.
      { all: ['sudden_death', 'collapse_now'], unlessMessage: ['death_mourned', 'death_cover', 'joke'] },
      { all: ['chest_core', 'sweat'], except: ['not_cardiac'] },
      { all: ['arm_jaw_pain', 'sweat'], except: ['not_cardiac'] },
      { all: ['chest_held', 'sweat'], except: ['not_cardiac'] },
      { all: ['chest_held', 'minutes_long'], except: ['not_cardiac'] },
      { all: ['chest_held', 'faint_near'], except: ['not_cardiac'] },
      { all: ['chest_held', 'severity'], except: ['not_cardiac'] },
      { all: ['chest_held', 'sudden'], except: ['not_cardiac'] },
      // Pain the cough pulls (咳起来胸口扯到痛) is not pain that radiates; sweat, a long or sudden pain still count.
      { all: ['chest_core', 'radiate'], except: ['not_cardiac'], unless: ['cough_pain'] },
      // …but pain that travels (咳的时候胸口痛，还往左胳膊窜) is no cough's pull.
      { all: ['chest_core', 'radiate_far'], except: ['not_cardiac'] },
      { all: ['chest_core', 'severity'], except: ['not_cardiac'] },
      { all: ['chest_core', 'sudden'], except: ['not_cardiac'] },
      { all: ['chest_core', 'minutes_long'], except: ['not_cardiac'] },
      { all: ['chest_tight', 'sweat'], except: ['not_cardiac'] },
      { all: ['chest_tight', 'radiate'], except: ['not_cardiac'] },
      { all: ['chest_burn', 'cold_sweat'], except: ['not_cardiac'] },
      // Discomfort spreading to the left arm for twenty minutes or more, however mildly told (有点不舒服…往左边胳膊窜…二十多分钟).
      // (Anchored on the spreading: an anchor is a symptom concept, and 胸部 alone, as in 胸部CT, is none.)
      { all: ['radiate', 'chest_word', 'minutes_long'], except: ['not_cardiac'], unlessMessage: ['chest_exam'] },
      // A voice run-on where the chest and its tightness are said apart (我这个胸口啊从午饭就开始闷…往左边膀子上窜).
      { all: ['tight_later', 'chest_word', 'radiate'] },
      { all: ['chest_tight', 'severity'], except: ['not_cardiac'] },
      { all: ['chest_tight', 'sudden'], except: ['not_cardiac'] },
      { all: ['chest_tight', 'minutes_long'], except: ['not_cardiac'] },
      // Atypical in the elderly and diabetics: breathlessness or upper-belly discomfort with cold sweat.
      { all: ['chest_tight', 'elderly'], except: ['not_cardiac'], confidence: 0.8 },
      { all: ['chest_tight', 'diabetic'], except: ['not_cardiac'], confidence: 0.8 },
      { all: ['belly_pain', 'sweat', 'diabetic'], except: ['not_cardiac'], confidence: 0.8 },
      { all: ['belly_pain', 'sweat', 'elderly'], except: ['not_cardiac'], confidence: 0.8 },
      { all: ['upper_belly', 'sweat', 'diabetic'], except: ['not_cardiac'], confidence: 0.8 },
      // Pain in the jaw or shoulder with sweat, in a diabetic or someone older: the pain that radiates, without the chest.
      // Cold sweat, or sweat with a pain that lasts or came on suddenly; not sweat after work, heat or a tooth out.
      { all: ['radiate', 'cold_sweat', 'diabetic'], except: ['not_cardiac'], unless: ['recurring'], confidence: 0.8 },
      { all: ['radiate', 'cold_sweat', 'age_elderly'], except: ['not_cardiac'], unless: ['recurring'], confidence: 0.8 },
      // …or at any adult age when it has gone on for minutes (下巴和左胳膊痛，出冷汗一个小时了).
      { all: ['radiate', 'cold_sweat', 'minutes_long'], except: ['not_cardiac'], unless: ['recurring'], confidence: 0.8 },
      { all: ['radiate', 'sweat', 'diabetic', 'severity'], except: ['not_cardiac'], unless: ['mild'], confidence: 0.8 },
      { all: ['radiate', 'sweat', 'age_elderly', 'severity'], except: ['not_cardiac'], unless: ['mild'], confidence: 0.8 },
      { all: ['radiate', 'sweat', 'diabetic', 'sudden'], except: ['not_cardiac'], unless: ['mild'], confidence: 0.8 },
      { all: ['radiate', 'sweat', 'age_elderly', 'sudden'], except: ['not_cardiac'], unless: ['mild'], confidence: 0.8 },
      { all: ['upper_belly', 'sweat', 'elderly'], except: ['not_cardiac'], confidence: 0.8 },
      { all: ['upper_belly', 'sweat', 'age_elderly'], except: ['not_cardiac'], confidence: 0.8 },
      // Upper-belly discomfort with a cold sweat that goes on (一直出冷汗…快半小时了), at any adult age: the heart until shown otherwise.
      { all: ['upper_belly', 'cold_sweat', 'severity'], except: ['not_cardiac'], unless: ['recurring'], confidence: 0.8 },
      { all: ['chest_tight', 'age_elderly'], except: ['not_cardiac'], confidence: 0.8 },
      // Unqualified present chest pain: lean to emergency unless it is clearly mild or chronic.
      { all: ['chest_core'], except: ['not_cardiac'], unless: ['mild', 'cough_pain', 'chest_wall'], unlessMessage: ['chest_strain'], confidence: 0.8 },
      { all: ['chest_core'], except: ['not_cardiac'], disposition: 'urgent' },
      { all: ['chest_tight'], except: ['not_cardiac'], disposition: 'urgent' },
    ],
  },
  aortic_dissection: {
    labelZh: '疑似主动脉夹层',
    patterns: [
      // 被人用刀扎了: a stabbing (trauma), not pain "like a knife" (像刀扎一样).
      { all: ['tearing_pain', 'back_pain'], except: ['stab'] },
      { all: ['tearing_pain', 'sudden'], except: ['stab'] },
      { all: ['tearing_pain', 'hypertensive'], except: ['stab'] },
    ],
  },
  stroke: {
    labelZh: '疑似中风',
    patterns: [
      // A face a doctor has already called Bell's palsy (医生说是面瘫): the droop is explained; other signs still count.
      { all: ['stroke_face'], except: ['sign_question'], unlessMessage: ['palsy_diagnosed', 'face_cosmetic'] },
      { all: ['stroke_face', 'sudden'], unlessMessage: ['face_cosmetic'] },
      { all: ['face_numb_slight'], except: ['sign_question'], unlessMessage: ['palsy_diagnosed', 'face_cosmetic', 'numb_cause'] },
      { all: ['face_numb_slight', 'sudden'] },
      { all: ['stroke_face'], unlessMessage: ['face_cosmetic'], disposition: 'urgent' },
      // With chest pain, a numb (left) arm is the pain radiating (acute coronary syndrome), not a stroke;
      // face, speech and vision signs below still read as stroke.
      { all: ['stroke_limb'], unless: ['limb_chronic', 'limb_cause'], except: ['limb_fine'], unlessMessage: ['injury_context', 'chest_core', 'chest_tight', 'chest_crushing'] },
      { all: ['stroke_limb', 'sudden'], unlessMessage: ['injury_context', 'chest_core', 'chest_tight', 'chest_crushing'] },
      { all: ['stroke_deficit', 'sudden'] },
      // A weak or numb side dated to today (从中午开始左手一直没劲): new, however steadily it has lasted since.
      { all: ['stroke_limb', 'onset_since'], unless: ['limb_cause'], unlessMessage: ['injury_context', 'chest_core', 'chest_tight', 'chest_crushing', 'stroke_residual'] },
      { all: ['word_finding', 'sudden'] },
      { all: ['stroke_speech'], unless: ['child_speech', 'voice_local'], except: ['speech_not_stroke', 'listener_lost'], unlessMessage: ['stroke_past'] },
      { all: ['stroke_speech', 'onset_now'], unless: ['voice_local'], except: ['listener_lost'] },
      { all: ['stroke_speech', 'woke_with'], scope: 'clause', unless: ['voice_local'], except: ['listener_lost'] },
      { all: ['mouth_slur', 'sudden'] },
      // 嘴瓢 told of someone now is slurred speech unless the message tells a slip of the tongue or an old stroke.
      { all: ['mouth_slur'], unlessMessage: ['slip_tongue', 'stroke_past', 'stroke_residual'] },
      { all: ['mouth_slur', 'onset_now'], disposition: 'urgent' },
      { all: ['stroke_balance', 'sudden', 'stroke_vision'] },
      { all: ['stroke_gait', 'sudden'], unlessMessage: ['drunk'] },
      // A grip lost just now (刚才握不住杯子, 筷子连着掉了两回): a hand gone weak, whatever fell with it.
      { all: ['grip_lost', 'onset_now'], unlessMessage: ['stroke_residual', 'grip_cause'] },
      { all: ['grip_lost', 'stroke_speech'] },
      { all: ['grip_lost', 'speech_vague'] },
      { all: ['grip_lost', 'stroke_face'] },
      // One side numb or weak and a walk that veers to one side: two signs of one event, however mildly put (有点麻).
      { all: ['stroke_limb', 'stroke_gait'], unlessMessage: ['drunk', 'injury_context', 'stroke_residual'] },
      { all: ['stroke_vision'] },
      { all: ['stroke_event'], except: ['not_stroke'], unlessMessage: ['joke', 'stroke_old'] },
      // A hand still stiff years after a stroke (三年前中风…右手还是不太灵活) is what it left, not a new one.
      { all: ['stroke_limb'], unlessMessage: ['stroke_past', 'stroke_residual'], disposition: 'urgent' },
      // Speech that is unclear now in someone who had a stroke before: what it left, or a new one — a doctor today at least.
      { all: ['stroke_speech'], unless: ['child_speech'], except: ['speech_not_stroke', 'listener_lost'], unlessMessage: ['stroke_residual'], disposition: 'urgent' },
    ],
  },
  headache: {
    labelZh: '剧烈头痛',
    patterns: [
      { all: ['headache', 'sudden', 'severity'], scope: 'clause' },
      // A headache and sleepiness after a fit that is over are the fit's aftermath (the seizure rules judge the fit).
      { all: ['headache', 'sudden', 'headache_red'], unlessMessage: ['fit_over'] },
      // A head struck as by a club (后脑勺像被打了一棍 吐了) is a sudden headache told by its onset.
      { all: ['headache_blow', 'headache_red'], unlessMessage: ['fit_over'] },
      // Said with a laugh (带娃累惨了，脑壳都要炸了，哈哈) a head about to burst is a figure of speech.
      { all: ['headache', 'severity', 'headache_red'], unlessMessage: ['laugh'] },
      { all: ['headache', 'bp_critical'] },
      { all: ['headache', 'confusion'] },
      { all: ['worst_ever', 'head_word'] },
      // Meningitis at any age (the reference's child-fever signs; an adult dies of it as fast): a fever with a stiff neck or
      // with spots that do not fade when pressed, however the fever stands now (发烧现在好了，但脖子硬，身上起了按不褪的紫点).
      { all: ['neck_stiff', 'fever'], unlessMessage: ['neck_strain'] },
      { all: ['rash_nonblanching', 'fever'] },
      { all: ['headache', 'severity'], disposition: 'urgent' },
    ],
  },
  breathing: {
    labelZh: '呼吸困难',
    patterns: [
      { all: ['breathing'], unless: ['breath_context'], unlessMessage: ['breath_context', 'breath_ok'], except: ['fishbone', 'breath_slang'] },
      { all: ['breathing_grave'], unless: ['breath_context'], unlessMessage: ['breath_context'], except: ['fishbone', 'breath_slang'] },
      { all: ['spo2_low'] },
      { all: ['reliever_failed'] },
      { all: ['spray_failed', 'asthma_word'] },
      { all: ['speech_cut', 'breath_any'], unlessMessage: ['breath_context'] },
      // Breathless on effort but fine talking at rest (breath_ok): a doctor today.
      { all: ['breathing', 'breath_ok'], unless: ['breath_context'], unlessMessage: ['breath_context'], except: ['fishbone'], disposition: 'urgent' },
      // An attack the reliever brings round, with talking unaffected, is a doctor today (the rule below), not 120.
      { all: ['asthma_attack'], unless: ['mild'], unlessMessage: ['came_round'] },
      { all: ['asthma_attack'], disposition: 'urgent' },
    ],
  },
  choking: {
    labelZh: '噎住/窒息',
    patterns: [
      // Talking and breathing fine (说话呼吸都没问题) is air getting through: a doctor today (fish bone below), not 120.
      { all: ['choking'], unless: ['fishbone'], unlessMessage: ['breath_ok'] },
      // Blue or unable to breathe or speak is choking whatever is stuck, a bone included.
      { all: ['choke_hint', 'choke_severe'] },
      { all: ['choke_hint', 'choke_sign'], unless: ['fishbone'] },
      { all: ['fishbone'], disposition: 'urgent' },
    ],
  },
  unconscious: {
    labelZh: '意识丧失',
    patterns: [
      // Silent behind a locked door (卫生间快一个小时没出来，敲门一点声都没有，门反锁了): collapsed until the door is opened.
      { all: ['locked_silent', 'unreachable'] },
      // A little child or an old person deeply drowsy (宝宝三天没吃奶，一直昏睡): not rousable enough to wait.
      { all: ['lethargic_deep', 'little_one'] },
      { all: ['lethargic_deep', 'elderly'] },
      { all: ['lethargic_deep', 'age_elderly'] },
      { all: ['barely_responds'], unlessMessage: ['barely_responds_normal'] },
      { all: ['unconscious'], except: ['thing_fell'] },
      { all: ['call_no_reaction'], unless: ['machine_talk'], unlessMessage: ['app_trouble', 'service_line'] },
      { all: ['call_no_reaction_person'] },
      { all: ['call_silent'], unlessMessage: ['busy_not_ill'] },
      { all: ['call_unwoken'], unlessMessage: ['sleep_in', 'pet'] },
      // An elder named in the clause that does not wake is no pet, whatever else the message names (家里的狗一直叫，奶奶怎么喊都不醒).
      { all: ['call_unwoken', 'elderly'], scope: 'clause', unlessMessage: ['sleep_in'] },
      // A heavy sleeper who today will not wake, or with froth, vomit or odd breathing: no sleep-in.
      { all: ['call_unwoken', 'unwoken_worse'], unlessMessage: ['pet'] },
      { all: ['call_unwoken', 'unwoken_contrast'], scope: 'clause', unlessMessage: ['pet'] },
      { all: ['faint'], unlessMessage: ['came_round'], except: ['dizzy_spell', 'faint_hyperbole'] },
      { all: ['faint', 'faint_serious'], except: ['dizzy_spell', 'faint_hyperbole'] },
      // 头晕了一阵 is a dizzy spell, not a faint (晕了一阵 on its own is).
      { all: ['faint'], except: ['dizzy_spell', 'faint_hyperbole'], disposition: 'urgent' },
      // A known dementia doing what it always does (老年痴呆好几年了，还是跟往常一样认不出人): not new.
      { all: ['confusion'], unless: ['dementia', 'machine_talk', 'absent_minded'], unlessMessage: ['dementia_dx'] },
      { all: ['confusion', 'sudden'], unless: ['machine_talk'] },
      // An old person confused today in a way unlike her (今天一直迷迷糊糊…问她都答不上来，平时好精神): new, so not the dementia
      // 一直 might mean. Said of an app or a meal (小程序跟以前不一样了，我看得糊涂了) it is no one's confusion.
      { all: ['confusion', 'unlike_usual', 'elderly'], unlessMessage: ['machine_talk'] },
      { all: ['confusion', 'unlike_usual', 'dementia_dx'], unlessMessage: ['machine_talk'] },
      { all: ['confusion', 'unlike_usual', 'age_elderly'], unlessMessage: ['machine_talk'] },
      // Delirium: an elderly person confused with a fever (烧得说胡话, 不认人) — the fever does not explain it away.
      { all: ['confusion', 'fever', 'age_elderly'], unless: ['machine_talk'] },
      { all: ['confusion', 'fever', 'elderly'], unless: ['machine_talk'] },
      // Not knowing her own family all at once (突然不认人了) is delirium or a stroke; a dementia that does it is not new.
      { all: ['not_recognising', 'sudden'], unlessMessage: ['dementia', 'stranger_shy', 'age_baby'] },
      { all: ['not_recognising', 'sudden'], unlessMessage: ['stranger_shy', 'age_baby'], disposition: 'urgent' },
      { all: ['not_recognising', 'fever', 'age_elderly'] },
      { all: ['not_recognising', 'fever', 'elderly'] },
    ],
  },
  seizure: {
    labelZh: '抽搐',
    patterns: [
      { all: ['seizure_attack', 'pregnant'], except: ['not_fit'] },
      // A fit told as brief (抽了不到一分钟) is an emergency unless the person is a known epileptic (then a doctor today, below).
      { all: ['seizure'], unless: ['seizure_local', 'pet'], unlessMessage: ['fit_brief', 'leg_cramp'] },
      // A fit named as one (抽搐, 口吐白沫) is no leg cramp told elsewhere in the message (我爸突然抽搐口吐白沫 晚上他老说小腿抽筋).
      { all: ['seizure_named'], unless: ['seizure_named_local', 'pet'], unlessMessage: ['fit_brief'] },
      { all: ['seizure_named', 'minutes_long'], unless: ['seizure_named_local', 'pet'] },
      { all: ['seizure', 'fit_brief'], unless: ['seizure_local', 'pet'], unlessMessage: ['epilepsy_known'] },
      // A sudden fit of the whole body (他抽烟的时候突然抽搐了) is one, whatever else in its clause reads as smoking or a raffle;
      // only a body part (眼皮突然抽搐) or a pet makes it local.
      { all: ['seizure_sudden'], unless: ['seizure_part', 'pet'], unlessMessage: ['fit_brief'] },
      { all: ['seizure_repeat'], unless: ['seizure_local', 'pet'], except: ['not_fit'] },
      // Not coming round between fits (抽筋抽了好久…中间都没有醒过): no cramp leaves a person unconscious, so 抽筋 is a fit here.
      { all: ['seizure_unwoken'], unless: ['pet'] },
      { all: ['seizure_again'], unless: ['seizure_local', 'pet'], unlessMessage: ['not_a_fit', 'pet'] },
      { all: ['seizure_minutes'], unless: ['seizure_local', 'pet'], unlessMessage: ['epilepsy_known'] },
      { all: ['seizure_minutes', 'minutes_long'], unless: ['seizure_local', 'pet'] },
      { all: ['seizure_minutes', 'fit_whole_sign'], unless: ['pet'] },
      { all: ['seizure_first'], except: ['seizure_local', 'not_fit'], unless: ['pet'] },
      { all: ['seizure', 'minutes_long'], unless: ['pet', 'seizure_local'], unlessMessage: ['leg_cramp'] },
      { all: ['seizure', 'pregnant'], unless: ['seizure_local'] },
      { all: ['seizure_stiff', 'unconscious'] },
      { all: ['seizure_stiff', 'sudden'], unless: ['seizure_local'] },
      { all: ['seizure_stiff', 'seizure_now'], unless: ['seizure_local'] },
      { all: ['seizure_stiff', 'seizure'] },
      { all: ['seizure_stiff', 'pregnant'], unless: ['seizure_local'] },
      { all: ['seizure_stiff', 'minutes_long'], unless: ['seizure_local'] },
      // A known epileptic's attack that is over, under five minutes and not repeated: a doctor today.
      { all: ['seizure_attack', 'epilepsy_known'], except: ['not_fit'], disposition: 'urgent' },
      { all: ['seizure', 'epilepsy_known'], unless: ['seizure_local', 'pet'], disposition: 'urgent' },
    ],
  },
  bleeding: {
    labelZh: '大出血',
    patterns: [
      { all: ['bleeding'], except: ['bleeding_slang'], unless: ['bleeding_minor'] },
      // Bright blood from known piles or a fissure (有痔疮好多年了，这次比平时多一点) is a doctor today unless faintness
      // comes with a large amount (a few drops and a moment's 头一黑 are not); the amount words also read 好多年 and 好几次.
      { all: ['gi_bleeding', 'bleeding_amount'], unlessMessage: ['piles'] },
      { all: ['gi_bleeding', 'bleed_volume', 'gi_faint'] },
      { all: ['gi_bleed_upper'], except: ['bleeding_slang'] },
      // 熬夜到吐血了 吐了一大滩 脸色发白: a slang-shaped 吐血 told with an amount and faintness is a real bleed.
      { all: ['gi_bleed_upper', 'bleed_volume', 'gi_faint'] },
      { all: ['coffee_ground', 'vomit'] },
      { all: ['uncontrolled', 'blood_word'], unless: ['not_blood', 'brushing_bleed'], unlessMessage: ['bleeding_stopped', 'tooth_out'] },
      // Brushing words do not excuse bleeding that pressure has failed to stop (刷牙后牙龈一直流血 压了半小时还在流).
      { all: ['uncontrolled', 'blood_word', 'pressure_failed'], unless: ['not_blood'], unlessMessage: ['bleeding_stopped', 'bleed_small'] },
      { all: ['uncontrolled', 'wound'], unless: ['not_blood'], unlessMessage: ['bleeding_stopped', 'tooth_out'] },
      { all: ['uncontrolled', 'wound', 'pressure_failed'], unless: ['not_blood'], unlessMessage: ['bleeding_stopped', 'bleed_small'] },
      // 不算多 is a socket's ooze, not a cut's or a nose's that pressure has failed to stop: neither it nor a tooth out told in
      // passing (上次拔牙流血量不多，这次是孩子额头磕破了，按了十五分钟血还在流) excuses those.
      { all: ['uncontrolled', 'bleed_site_other', 'pressure_failed'], unless: ['not_blood'], unlessMessage: ['bleeding_stopped'] },
      // A socket that will not stop on a blood thinner, in quantity, or with faintness: not the expected ooze.
      { all: ['uncontrolled', 'tooth_out', 'anticoagulant'], unlessMessage: ['bleeding_stopped'] },
      { all: ['uncontrolled', 'tooth_out', 'bleed_volume'], unlessMessage: ['bleeding_stopped'] },
      { all: ['uncontrolled', 'tooth_out', 'gi_faint'], unlessMessage: ['bleeding_stopped'] },
      { all: ['bleed_wont_stop', 'tooth_out'], unlessMessage: ['bleeding_stopped', 'bleed_small'] },
      // Stopped, then started again and will not stop: the last state wins over 止住了.
      { all: ['uncontrolled', 'bleeding_again'], unlessMessage: ['bleeding_again_stopped'] },
      { all: ['bleeding_again', 'bleed_volume'], unlessMessage: ['bleeding_again_stopped'] },
      { all: ['uncontrolled', 'blood_word', 'bleeding_stop_question'], unless: ['not_blood'] },
      // A deep wound bleeding in quantity and not said to have stopped (腿上好几个很深的口子，流很多血).
      // (Anchored on the wound: an anchor is a symptom concept, and 很深 alone, as in 印象很深, is none.)
      { all: ['wound', 'wound_deep', 'bleed_volume', 'blood_word'], unlessMessage: ['bleeding_stopped'] },
      { all: ['wound_open', 'wound_deep', 'bleed_volume', 'blood_word'], unlessMessage: ['bleeding_stopped'] },
      { all: ['wound', 'bleeding_amount'], disposition: 'urgent' },
      { all: ['gi_black_stool', 'gi_shock'], unlessMessage: ['piles'] },
      { all: ['gi_black_stool', 'bleed_volume', 'gi_faint'] },
      { all: ['gi_black_stool'], disposition: 'urgent' },
    ],
  },
  anaphylaxis: {
    labelZh: '严重过敏',
    patterns: [
      { all: ['anaphylaxis'] },
      { all: ['allergy_trigger', 'breath_any'] },
      { all: ['rash_whole', 'breath_any'] },
      { all: ['allergy_trigger', 'throat_swell'] },
      // An eye swollen shut with yellow discharge (眼睛红肿得睁不开，好多黄黄的眼屎) is an infection, and one after grit flew in
      // (磨铁的时候有东西蹦到眼睛里) an injury: not a reaction.
      { all: ['throat_swell'], unless: ['sore_throat'], unlessMessage: ['eye_discharge', 'eye_foreign'] },
      // Palpitations and sweat after a blood-pressure or diabetes drug are a low pressure or a low sugar,
      // judged by their own kinds (blood_pressure, low_glucose), not an allergy.
      { all: ['allergy_trigger', 'faint_any'], except: ['bp_drug', 'diabetic'] },
      { all: ['allergy_more_trigger', 'swelling_face'], unless: ['pet'] },
      { all: ['allergy_more_trigger', 'breath_any'] },
      // A sting with the face swelling and a wheeze (遭蜂子叮了，脸都肿起来了，出气呼呼地响).
      { all: ['sting', 'swelling_face', 'breath_any'] },
      // The other system must be affected now: 嘴唇喉咙都好好的 names the lips and throat to say they are fine.
      // A patch red, swollen and hot (skin_local) is an infection, not hives.
      { all: ['hives_whole', 'other_system'], everyLive: true, except: ['skin_local'] },
      { all: ['allergy_trigger', 'swelling_face'], unless: ['pet'] },
      { all: ['bite_danger'], except: ['bite_words'], confidence: 0.8 },
      { all: ['hives_whole'], except: ['skin_local'], disposition: 'urgent' },
      { all: ['swelling_face'], disposition: 'urgent' },
    ],
  },
  suicide: {
    labelZh: '自伤/轻生风险',
    patterns: [
      { all: ['suicide'], except: ['suicide_slang', 'suicide_insurance', 'self_harm_asked'] },
      // 从没说过想死 denies the words, not the means or the place (把煤气打开了, 站在楼顶).
      { all: ['suicide', 'self_harm_means'], except: ['suicide_insurance', 'self_harm_asked'] },
      // A slang-shaped 想死 (被骂得想死) is no figure of speech beside the means, a plan or a high place.
      { all: ['hyperbole_wish', 'self_harm_means'] },
      { all: ['hyperbole_wish', 'high_place'], unlessMessage: ['place_outing'] },
      { all: ['self_harm'], except: ['self_harm_slang', 'suicide_slang', 'self_harm_asked', 'suicide_insurance'] },
      // Asked about (有没有想伤害自己): an emergency unless the answer was no (他说没有).
      { all: ['self_harm_asked'], unlessMessage: ['asked_denied'] },
      // Better off without her, said in tears or after a birth (产后…一直哭…孩子没有她比较好).
      { all: ['better_off_without', 'mood_low'], unlessMessage: ['ex_partner'] },
      { all: ['better_off_self', 'mood_low'] },
      { all: ['better_off_without', 'postpartum'] },
      { all: ['self_harm_asked', 'asked_affirmed'] },
      { all: ['suicide_passive', 'self_harm'] },
      { all: ['farewell', 'unreachable'] },
      // "No longer a burden" after a time (明天之后), with a goodbye or a letter left behind. Its words never
      // anchor a criterion, so they do not weigh on how a lone pinyin syllable is read (men stays 闷).
      { all: ['farewell_when', 'farewell_burden'] },
      { all: ['farewell', 'farewell_burden'] },
      { all: ['decided_final', 'high_place'], unlessMessage: ['place_outing'] },
      { all: ['decided_final', 'farewell'] },
      { all: ['decided_final', 'farewell_burden'] },
      // A farewell or a burden said beside a high place (我在桥上…对不起, 是个负担…我去江边走走).
      { all: ['farewell', 'high_place'], unlessMessage: ['place_outing'] },
      { all: ['farewell_burden', 'high_place'], unlessMessage: ['place_outing'] },
      { all: ['farewell_note', 'farewell'], except: ['letter_ok'] },
      { all: ['farewell_note', 'farewell_burden'], except: ['letter_ok'] },
      { all: ['farewell', 'self_harm_means'] },
      // A goodbye with tonight's plan (这些年…对不起她，我今晚就去找她妈了).
      { all: ['farewell', 'plan_now'] },
      // Not troubling anyone any more, with tonight's plan (以后不会再麻烦了，今晚就结束).
      { all: ['farewell_burden', 'plan_now'] },
      // The means kept ready and not being a burden any more (安眠药攒了两瓶…省得再拖累他们): a plan.
      { all: ['farewell_burden', 'self_harm_means'] },
      // A goodbye in a message about the suicide clause: the clause question is not a figure of speech then.
      { all: ['farewell', 'suicide_insurance'] },
      // A decision taken beside a question on the suicide clause (我已经想好了，等满两年那天就走).
      { all: ['decided_final', 'suicide_insurance'] },
      // The means kept ready beside a question on the suicide clause (药都存够了，想让孩子拿到这笔钱): a plan.
      { all: ['self_harm_means', 'suicide_insurance'] },
      { all: ['suicide_passive', 'self_harm_means'] },
      { all: ['suicide_passive', 'wrist_cut'] },
      { all: ['farewell_burden', 'unreachable'] },
      { all: ['suicide_passive', 'unreachable'] },
      // No wish to live, said from a river bank or a rooftop (一直说活着没意思 刚说她在江边).
      { all: ['suicide_passive', 'high_place'], unlessMessage: ['place_outing'] },
      { all: ['suicide_passive', 'goodbye'] },
      { all: ['height_descent', 'plan_words'] },
      { all: ['height_descent', 'suicide_passive'] },
      { all: ['height_descent', 'suicide_insurance'] },
      { all: ['height_descent', 'farewell'] },
      { all: ['height_descent', 'farewell_burden'] },
      { all: ['self_harm_means', 'plan_now'] },
      // A wish not to live with a time or an act now (活着没意思，就今晚吧).
      { all: ['suicide_passive', 'plan_now'] },
      { all: ['suicide_passive'], disposition: 'urgent' },
    ],
  },
  blood_pressure: {
    labelZh: '血压危急',
    patterns: [
      // …nor a pressure that anger sent up (气得我血压都上两百了！): that reading only, a measured one still counts.
      { all: ['bp_critical'], unlessMessage: ['bp_rechecked_normal', 'bp_came_down'], except: ['bp_hyperbole'] },
      { all: ['bp_words'], unlessMessage: ['reading_actual'] },
      { all: ['bp_high'], disposition: 'urgent' },
    ],
  },
  high_glucose: {
    labelZh: '血糖危急（高）',
    patterns: [
      { all: ['glucose_high_critical'] },
      { all: ['glucose_high_words'], unlessMessage: ['reading_actual'] },
      // …unless what was measured again was another vital (显示HI，重新量了血压150/90): the HI still stands.
      { all: ['glucose_high_words', 'other_vital'] },
      { all: ['glucose_high', 'dka_signs'] },
      { all: ['glucose_high_words', 'dka_signs'] },
      { all: ['dka_breath', 'diabetic', 'dka_signs'] },
      { all: ['glucose_high'], disposition: 'urgent' },
    ],
  },
  low_glucose: {
    labelZh: '低血糖',
    patterns: [
      // A low with a loss of consciousness, whatever came after (晕过去了，醒来说话正常).
      { all: ['glucose_low', 'faint'] },
      { all: ['glucose_low_critical'] },
      // Still low after two rounds of 15 g of sugar (docs/reference/clinical-triage.md §3, the "两个15" rule).
      { all: ['glucose_low', 'sugar_twice'], unlessMessage: ['glucose_recovered'] },
      // Odd behaviour and sweat in someone on insulin or tablets (打了胰岛素…乱发脾气…衣服都汗湿了): a low until measured.
      { all: ['sweat', 'hypo_signs', 'diabetic'], unlessMessage: ['glucose_recovered', 'glucose_in_range', 'came_round', 'recurring'] },
      { all: ['glucose_low_words'] },
      // A meter reading LO (below what it can measure) with the signs of a low.
      { all: ['meter_lo', 'hypo_signs'] },
      { all: ['meter_lo'], disposition: 'urgent' },
      // A later reading back in range after sugar (测到五点二) is a low that has recovered: a doctor today.
      { all: ['glucose_low', 'hypo_signs'], unlessMessage: ['came_round', 'glucose_recovered'] },
      { all: ['hypo_words', 'hypo_signs'], unlessMessage: ['came_round', 'glucose_recovered'] },
      { all: ['glucose_low'], disposition: 'urgent' },
      { all: ['hypo_words'], disposition: 'urgent' },
    ],
  },
  child_fever: {
    labelZh: '婴幼儿发热',
    patterns: [
      // The fever must be live too: a fever last week that has gone is past, whatever the baby's age now.
      // The fever word beside a normal measured temperature asks whether it is one (37.4℃，这个算发烧吗).
      // A baby's fever is an emergency from 38 ℃ (the reference's infant line): a measured 37.6 is a doctor today (below).
      { all: ['age_infant', 'fever'], unless: ['fever_mild', 'postpartum'], unlessMessage: ['postpartum', 'temp_normal', 'temp_below_38'], everyLive: true },
      { all: ['age_infant', 'temp_38'], unlessMessage: ['postpartum'], everyLive: true },
      { all: ['fever', 'infant_words'], unlessMessage: ['postpartum', 'temp_normal', 'temp_below_38'] },
      { all: ['temp_38', 'infant_words'], unlessMessage: ['postpartum'] },
      { all: ['fever', 'child', 'child_danger'], unlessMessage: ['temp_normal'] },
      { all: ['fever', 'infant_words', 'child_danger'], unlessMessage: ['postpartum', 'temp_normal'] },
      { all: ['temp_38', 'child', 'child_danger'] },
      { all: ['fever', 'age_child', 'child_danger'], unlessMessage: ['temp_normal'] },
      { all: ['fever', 'age_infant'], disposition: 'urgent' },
      // Under a year with 38 °C or more now: a doctor today (under three months is above, an emergency). A
      // fever word alone is not enough: 体温三十七度六，这算发烧吗 names a fever to ask whether it is one.
      { all: ['temp_38', 'age_baby'], unless: ['fever_mild'], disposition: 'urgent', everyLive: true },
      { all: ['temp_39', 'child'], disposition: 'urgent' },
      { all: ['temp_39', 'age_child'], disposition: 'urgent' },
    ],
  },
  pregnancy: {
    labelZh: '孕期危险信号',
    patterns: [
      { all: ['preg_bleeding', 'pregnant', 'faint'] },
      { all: ['preg_bleeding', 'pregnant', 'belly_pain'] },
      // …or with a pain told as severe far from the belly word (肚子一阵一阵的那个特别疼然后下面出血了).
      { all: ['preg_bleeding', 'pregnant', 'severity'] },
      { all: ['preg_heavy_bleeding', 'pregnant'] },
      { all: ['belly_pain', 'pregnant', 'severity'] },
      { all: ['belly_pain', 'pregnant', 'sudden'] },
      // Tightening at timed intervals before 37 weeks (孕29周，肚子一阵阵发硬，十分钟一次): labour come early.
      { all: ['belly_pain', 'preterm_weeks', 'contractions_timed'] },
      { all: ['waters_broke'], except: ['not_waters'] },
      { all: ['waters_broke', 'pregnant'] },
      { all: ['waters_puddle', 'pregnant'] },
      { all: ['water_gush', 'pregnant'] },
      // Fewer movements matter once they are felt every day (from about 24 weeks): not in early_pregnancy.
      { all: ['fetal_movement'], unlessMessage: ['early_pregnancy', 'fm_slight'], except: ['fm_how_many'] },
      { all: ['fm_still', 'pregnant'], unlessMessage: ['early_pregnancy', 'fm_slight'] },
      { all: ['fm_word', 'fm_little'], scope: 'clause', unlessMessage: ['early_pregnancy', 'fm_slight'], except: ['fm_how_many'] },
      { all: ['fetal_movement', 'fm_none'], unlessMessage: ['early_pregnancy'], except: ['fm_how_many'] },
      { all: ['fetal_movement'], unlessMessage: ['early_pregnancy'], disposition: 'urgent', except: ['fm_how_many'] },
      { all: ['no_movement', 'pregnant'], unlessMessage: ['early_pregnancy'] },
      { all: ['headache', 'pregnant', 'preg_vision'] },
      { all: ['headache', 'pregnant', 'preg_swelling'], disposition: 'urgent' },
      { all: ['headache', 'pregnant', 'bp_high'] },
      { all: ['headache', 'pregnant', 'bp_critical'] },
      { all: ['preg_bleeding', 'pregnant'], disposition: 'urgent' },
      // 140/90 or more in a pregnancy (pre-eclampsia is checked the same day); 160/110 with a headache is above.
      { all: ['bp_raised', 'pregnant'], disposition: 'urgent' },
      { all: ['preg_itch', 'pregnant'], disposition: 'urgent' },
      { all: ['bp_high', 'pregnant'], disposition: 'urgent' },
      { all: ['belly_pain', 'pregnant'], disposition: 'urgent' },
    ],
  },
  poisoning: {
    labelZh: '中毒/误服',
    patterns: [
      // A carbon-monoxide alarm to buy or redeem (有没有一氧化碳报警器可以用积分兑换) names the gas, not a poisoning.
      { all: ['poisoning'], except: ['gas_alarm'] },
      { all: ['box_empty', 'took_pills'] },
      { all: ['pills_all'], except: ['dose_routine'] },
      { all: ['pills_whole_pack', 'all_eaten'], scope: 'clause', unlessMessage: ['pack_refill'] },
      { all: ['battery_eaten'] },
      { all: ['count_unknown', 'dose_signs'] },
      { all: ['gas_fumes', 'gas_signs'] },
      { all: ['gas_leak', 'gas_signs'] },
      { all: ['caustic', 'ingested'], unlessMessage: ['heard_said'] },
      { all: ['battery_missing', 'child'] },
      { all: ['battery_in_orifice'], unless: ['battery_smell'] },
      { all: ['battery_word', 'one_unaccounted', 'child'] },
      { all: ['battery_word', 'one_unaccounted', 'age_child'] },
      // A blood-pressure drug taken twice and the pressure now low with its signs (量了血压90/50，头晕站不稳): a large dose acting.
      { all: ['dose_twice', 'bp_drug', 'bp_low', 'bp_drop_signs'] },
      { all: ['battery_missing', 'age_child'] },
      // One tablet too many (多吃了一片二甲双胍) is a doctor today (the overdose rule below), unless a little child took it.
      { all: ['poisoning_weak'], except: ['poisoning_slang'], unless: ['poisoning_chronic'], unlessMessage: ['one_tablet_more'] },
      { all: ['poisoning_weak', 'little_one'], except: ['poisoning_slang'], unless: ['poisoning_chronic'] },
      // A narrow-margin drug (地高辛, 胰岛素) taken two or three times over, with its signs (恶心, 看东西发黄): toxicity now.
      { all: ['narrow_drug', 'dose_repeated', 'dose_signs'] },
      { all: ['narrow_drug', 'dose_repeated'], disposition: 'urgent' },
      { all: ['ingest_drug', 'child'], unless: ['swallowed_object'] },
      // "my 3 year old swallowed 6 or 7 …": the child is named only by an age under 14.
      { all: ['ingest_drug', 'age_child'], unless: ['swallowed_object'] },
      { all: ['gas_leak', 'gas_symptoms'] },
      { all: ['overdose'], unless: ['overdose_mild'], unlessMessage: ['one_tablet_more'] },
      { all: ['tablets_many'] },
      { all: ['drug_unknown', 'poison_signs'] },
      { all: ['drug_unknown', 'hypo_signs'] },
      { all: ['drug_unknown', 'confusion'] },
      { all: ['drug_unknown', 'palpitations'] },
      { all: ['alcohol_danger'] },
      { all: ['pesticide_exposure', 'poison_signs'] },
      // A mouthful of a pesticide (农药瓶碰倒了 孙子喝了一口): swallowed, whatever was knocked over.
      { all: ['pesticide_exposure', 'ingested'], unless: ['drank_water'], unlessMessage: ['heard_said'] },
      { all: ['co_source', 'co_group'] },
      { all: ['co_source', 'sealed_room'], unlessMessage: ['safety_ask'] },
      { all: ['co_source', 'co_severe'] },
      { all: ['co_source', 'gas_symptoms'], disposition: 'urgent' },
      { all: ['food_poisoning', 'food_poison_red'] },
      { all: ['wild_mushroom', 'mushroom_signs'] },
      { all: ['overdose'], disposition: 'urgent' },
      { all: ['food_poisoning'], disposition: 'urgent' },
      { all: ['drug_unknown'], disposition: 'urgent' },
    ],
  },
  burns: {
    labelZh: '烧烫伤',
    patterns: [
      { all: ['burn', 'burn_severe'], except: ['mouth_scald'] },
      { all: ['caustic_strong', 'eye_word', 'eye_splash'] },
      { all: ['blister', 'hot_liquid', 'burn_severe'] },
      // One palm is a large area in a child (below), not in an adult (the reference: several palms).
      { all: ['burn', 'burn_patch'], unlessMessage: ['burn_palm'] },
      { all: ['blister', 'hot_liquid', 'burn_patch'], unlessMessage: ['burn_palm'] },
      { all: ['blister', 'hot_liquid', 'child'], unless: ['burn_minor'], unlessMessage: ['burn_minor'] },
      // The hand (anchor first, so 烫到手臂, the arm, is excepted from it).
      { all: ['burn_hand', 'burn'], unless: ['burn_minor'], except: ['arm_word', 'palm_size'] },
      { all: ['burn', 'child'], unless: ['burn_minor'], unlessMessage: ['burn_small_size'] },
      { all: ['burn', 'child', 'burn_palm'] },
      { all: ['burn', 'child', 'burn_many'] },
      { all: ['burn_hand', 'burn', 'burn_many'], unless: ['burn_superficial'], except: ['arm_word', 'palm_size'] },
      { all: ['burn', 'age_child', 'burn_palm'] },
      { all: ['burn', 'age_infant'] },
      // …not a small one, told by its size (手心那么大).
      { all: ['burn', 'elderly'], unless: ['burn_minor'], unlessMessage: ['burn_palm', 'burn_small_size'], confidence: 0.8 },
      { all: ['electric'], except: ['electric_thing'], confidence: 0.9 },
      { all: ['burn'], disposition: 'urgent' },
    ],
  },
  head_injury: {
    labelZh: '头部外伤',
    patterns: [
      { all: ['head_hit', 'head_red'], except: ['not_head'] },
      // Signs now after a knock that is over (上周磕到头，今天一直吐): a bleed can show days later.
      { all: ['head_red_late', 'head_hit'] },
      { all: ['head_hit', 'elderly'], except: ['not_head'] },
      { all: ['head_hit', 'age_elderly'], except: ['not_head'] },
      { all: ['head_hit', 'anticoagulant'], except: ['not_head'] },
      // A parent's head bleeding after a fall (爸爸摔倒了，头流血了): a member's parent is most often old (the reference's
      // any head injury in the elderly), and the bleeding shows the knock was hard.
      { all: ['head_hit', 'head_bleed', 'parent_word'], except: ['not_head'] },
      { all: ['nose_hit', 'elderly'] },
      { all: ['nose_hit', 'age_elderly'] },
      { all: ['nose_hit', 'anticoagulant'] },
      { all: ['nose_hit', 'age_infant'] },
      { all: ['nose_hit', 'fall_any_signs'] },
      { all: ['head_hit', 'age_infant'], except: ['not_head'] },
      // Sitting down hard on the floor, then vomiting, confused, drowsy or fitting: in the old or on a blood thinner
      // however it happened (a sit to rest included: the signs after it are what count)…
      { all: ['sat_on_floor', 'fall_signs', 'elderly'] },
      { all: ['sat_on_floor', 'fall_signs', 'age_elderly'] },
      { all: ['sat_on_floor', 'fall_signs', 'anticoagulant'] },
      // …at any age after a slip (滑了一下坐到地上) with the same signs, or with strong ones however it happened (吐了两回,
      // 迷迷糊糊, 叫不太醒): sitting down dizzy or tired is not (头晕坐到地上, 坐到地上哭着想睡).
      { all: ['sat_on_floor', 'sat_fall', 'fall_signs'] },
      { all: ['sat_on_floor', 'fall_signs_strong'] },
      // A fall with vomiting again and again, confusion or drowsiness after it, the head named or not (摔了一跤，后来吐了两次).
      { all: ['fall_any', 'fall_any_signs'] },
      // On a blood thinner, any fall followed by vomiting or drowsiness (摔了一下，一直说头晕想吐，天天吃阿司匹林): a bleed until scanned.
      { all: ['fall_any', 'fall_signs', 'anticoagulant'] },
      { all: ['sat_on_floor', 'anticoagulant'], disposition: 'urgent' },
      { all: ['head_hit'], disposition: 'urgent', except: ['not_head'] },
    ],
  },
  arrhythmia: {
    labelZh: '心律危急',
    patterns: [
      // A rate counted while running (跑步的时候心率一百六) is effort; with a faint or palpitations it still counts (below).
      { all: ['pulse_extreme'], unless: ['exercise_during'] },
      // …but not once the rate stays up at rest (锻炼中心跳200多，现在躺着还是200).
      { all: ['pulse_extreme', 'pulse_persists'] },
      { all: ['palpitations', 'faint_near'], unless: ['mild'] },
      { all: ['pulse_fast', 'diabetic'], confidence: 0.8 },
      { all: ['pulse_fast', 'faint_near'] },
      { all: ['palpitations'], disposition: 'urgent' },
      // A pulse over 100 at rest with no other sign: a doctor today (over 150 or with fainting is above).
      { all: ['pulse_fast'], disposition: 'urgent' },
      // Under 50 with tiredness or dizziness, or on a drug that slows the heart: a doctor today (under 40 is above).
      { all: ['pulse_slow', 'slow_pulse_sign'], disposition: 'urgent', everyLive: true },
    ],
  },
  trauma: {
    labelZh: '严重外伤/意外',
    patterns: [
      { all: ['fall_height'], except: ['self_harm_slang', 'suicide_slang', 'fall_low', 'thing_rolled'] },
      { all: ['traffic', 'injury_sign'] },
      { all: ['wound_open', 'traffic'], except: ['clothes_torn'] },
      { all: ['traffic', 'come_quick'] },
      { all: ['traffic', 'help_bare'] },
      { all: ['crash_bare'], unlessMessage: ['nobody_hurt', 'cost_talk'], confidence: 0.8 },
      { all: ['drowning'] },
      { all: ['water_choke', 'drown_after'] },
      { all: ['pulled_out', 'water_place'], except: ['scooped_thing'] },
      { all: ['electric'], except: ['electric_thing'] },
      { all: ['bite_danger'], except: ['bite_words'] },
      // A jellyfish sting with only the skin affected (别的没什么不舒服) is a doctor today (URGENT_CRITERIA); otherwise 120.
      { all: ['jellyfish'], unlessMessage: ['only_local'] },
      { all: ['heat_stroke', 'heat_red'] },
      { all: ['heat_exposure', 'heat_red'] },
      { all: ['cold_exposure'] },
      { all: ['stab'], except: ['fishbone', 'limb_puncture'] },
      { all: ['open_fracture'] },
      // A fall told with a height that is low (半米高) is not a fall from a height, but still a doctor today.
      { all: ['fall_height'], except: ['self_harm_slang', 'suicide_slang', 'thing_rolled'], disposition: 'urgent' },
      { all: ['traffic'], disposition: 'urgent' },
      { all: ['heat_stroke'], disposition: 'urgent' },
      { all: ['bite_animal'], unlessMessage: ['bite_object'], disposition: 'urgent' },
    ],
  },
  urgent_help: {
    labelZh: '求救',
    patterns: [
      { all: ['urgent_help'], except: ['help_slang', 'help_pet', 'stroke_checklist'], unlessMessage: ['cost_talk', 'app_trouble', 'sent_by_mistake', 'death_story'] },
      { all: ['urgent_help', 'death_fear'], except: ['help_slang', 'help_pet', 'stroke_checklist'], unlessMessage: ['cost_talk', 'app_trouble', 'sent_by_mistake'] },
      { all: ['help_bare'], except: ['help_slang', 'help_pet'], unlessMessage: ['app_trouble', 'sent_by_mistake'] },
      { all: ['help_haste'], except: ['help_slang', 'help_pet'], unlessMessage: ['app_trouble', 'sent_by_mistake', 'admin_request'] },
      { all: ['help_haste', 'someone_down'] },
      // 救命 with a pet and a person of the family: the plea may be for the person (救命 我家猫把农药瓶子碰倒 孩子喝了一口).
      { all: ['help_haste', 'help_pet', 'help_kin'], except: ['help_slang'], unlessMessage: ['app_trouble', 'sent_by_mistake', 'admin_request'] },
      // A plea beside someone gone down (快来人 我爸倒了 积分咋兑换): whatever else the message asks, the plea is for them.
      { all: ['help_bare', 'someone_down'] },
      { all: ['urgent_help', 'someone_down'], except: ['help_slang', 'help_pet'] },
    ],
  },
};

/**
 * "A doctor today" (reference §2, urgent) where no red-flag kind applies: high or lasting fever, an
 * infection with a focus, fluid loss, urinary retention or blood, a worsening abdomen, injuries that
 * need stitches or an X-ray, sudden loss of hearing or flashes in the eye, a red eye with pus and blurred sight, pressure fallen too far on a BP drug with blackouts, a swollen calf after surgery or travel, a blood thinner with easy bleeding, a rash after a new drug, a sting swelling a whole limb, asthma needing more puffs, a child who swallowed a coin, heart failure gaining weight, spreading skin infection, a
 * swollen leg after travel, medication problems, a yellowing newborn. Asked only when no red-flag
 * criterion fired; the member is told the general signs that mean 120.
 */
export const URGENT_CRITERIA: readonly RedFlagPattern[] = [
  { all: ['breath_fast', 'age_baby'] },
  { all: ['fever', 'cough_long'] },
  { all: ['gut_loss', 'listless_mild', 'child'] },
  { all: ['gut_loss', 'child_danger', 'child'] },
  { all: ['limb_puncture', 'left_inside'] },
  { all: ['bleed_slow', 'anticoagulant'] },
  { all: ['treatment_harm', 'cancer_treatment'] },
  { all: ['kidney_warning', 'kidney_failure'] },
  { all: ['lab_rising'] },
  { all: ['poor_intake', 'withdrawn'] },
  { all: ['exertional', 'chest_word'] },
  { all: ['jellyfish'] },
  { all: ['tick_bite'] },
  { all: ['frostbite'] },
  { all: ['rib_pain', 'fell_or_hit'] },
  { all: ['dizzy_standing', 'bp_drug'] },
  { all: ['seizure_drug_missed'] },
  { all: ['diuretic', 'salt_loss_signs'] },
  // A narrow-margin drug (地高辛) with its signs (看东西发黄, 恶心不想吃饭) even at the usual dose: toxicity, a doctor today.
  { all: ['toxicity_signs', 'narrow_drug'] },
  { all: ['heat_exposure', 'heat_mild'] },
  // Yesterday's critical pressure brought down overnight on the tablets (昨天185/110 吃完药今天早上150/95): a doctor today.
  { all: ['bp_came_down'] },
  // A headache with a fever that the painkiller has not touched (头疼两天，吃了布洛芬没用，还有点发烧): seen today, and
  // told that a stiff neck, a rash or drowsiness means 120.
  { all: ['headache', 'fever', 'remedy_failed'] },
  // A headache the usual tablet has not touched in hours, with vomiting (吃了药4个小时还没缓解，吐了一次).
  { all: ['headache', 'remedy_failed', 'vomit_any'] },
  // …or for days on end (头痛两天了，止痛药没用).
  { all: ['headache', 'remedy_failed', 'fever_days'] },
  // Earache with yellow fluid on the pillow: a burst eardrum or an infection draining.
  { all: ['ear_pain', 'pus'] },
  // Pain or fever after a polyp was cut out or a scope done (切了两个息肉，肚子一直胀痛，体温37.8).
  { all: ['after_scope', 'belly_ache'] },
  { all: ['after_scope', 'fever'] },
  { all: ['puncture_swelling'] },
  // A back put out with pain that brings a sweat (一动弹就疼得直冒汗) or a leg gone numb.
  { all: ['back_put_out', 'back_nerve_sign'], everyLive: true },
  // A scald that blistered (开水溅到，巴掌大一块起了水泡): a partial-thickness burn, dressed by a doctor today.
  { all: ['blister', 'hot_liquid'] },
  // A blistered burn on the hand, one of the areas the reference sends to a doctor whatever the size (手背烫起泡了).
  { all: ['scald_blister', 'burn_hand'] },
  { all: ['orifice_object'] },
  // Forgetting more, unlike last month (老是忘事，说话比平时慢，跟上个月不一样了): a slow bleed or a new illness, seen today.
  { all: ['forgetful', 'unlike_usual'], unless: ['dementia'] },
  { all: ['recheck_soon'] },
  // An old person vomiting who cannot keep water down (86岁，从昨晚开始吐，今天水都喝不下): dries out within a day.
  { all: ['vomit_any', 'dehydration', 'age_elderly'] },
  { all: ['vomit_any', 'dehydration', 'elderly'] },
  { all: ['temp_39'] },
  // A glucose of 11.1 or more with thirst and much water passed: the diabetes is out of control, a doctor today.
  { all: ['glucose_near_high', 'hyper_thirst'] },
  { all: ['glucose_near_high', 'reading_persists'] },
  // A fever during chemotherapy: the hospital's own instruction is to call the same day.
  { all: ['temp_38', 'chemo'] },
  { all: ['fever', 'chemo'], unlessMessage: ['temp_normal'] },
  { all: ['fever', 'fever_long'] },
  { all: ['fever_long', 'temp_38'] },
  { all: ['fever', 'infection_focus'] },
  // A fever with breath short on the stairs (发烧38.5 爬楼有点喘): a chest infection a doctor hears today.
  { all: ['fever', 'breath_mild'], everyLive: true },
  { all: ['temp_38', 'infection_focus'] },
  { all: ['fever', 'elderly'] },
  // A baby under one with 38 ℃ or more (五个月，发烧38.6): seen today even when feeding well.
  { all: ['temp_38', 'age_baby'] },
  { all: ['fever', 'age_elderly'] },
  { all: ['gut_loss', 'dehydration'] },
  // The very old eating and drinking far less: they dry out within days, whatever the cause.
  { all: ['poor_intake', 'age_elderly'] },
  { all: ['poor_intake', 'elderly', 'dehydration'] },
  { all: ['urinary_urgent'], unlessMessage: ['red_food'] },
  { all: ['hemoptysis_minor'] },
  { all: ['distress', 'mood_low'] },
  { all: ['mood_low', 'mood_weeks'], everyLive: true },
  // Low for weeks and asking for a doctor: a same-day conversation, the first step the reference's handover asks for.
  { all: ['mood_low', 'wants_doctor'] },
  { all: ['mood_low', 'postpartum'] },
  // Even porridge will not go down (今天连稀饭都咽不下了), or swallowing worse by the day: a doctor today.
  { all: ['swallow_fail'] },
  // A baby under one who fell and hit the head (宝宝十个月，从沙发上掉下来，额头红了一块): seen today, however well they play.
  { all: ['sat_fall', 'head_word', 'age_baby'], everyLive: true },
  { all: ['animal_bite', 'skin_broken'] },
  { all: ['joint_flare', 'severity'] },
  { all: ['joint_flare', 'joint_touch'] },
  { all: ['fistula_silent'] },
  { all: ['swelling_now', 'joint_word', 'severity'] },
  { all: ['acute_abdomen'] },
  { all: ['injury_urgent'] },
  { all: ['senses_sudden'] },
  { all: ['sight_curtain', 'eye_word'] },
  { all: ['skin_urgent'] },
  { all: ['pus', 'wound_word'], except: ['pimple_pus'] },
  { all: ['vomit_all'], except: ['vomit_slang'] },
  { all: ['dental_spread'] },
  { all: ['dental_word', 'jaw_stuck'] },
  { all: ['leg_swelling'] },
  { all: ['medication_issue'], except: ['inr_how_often', 'refill_soon'] },
  // …not the macula (眼睛有点黄斑), an eye doctor's word.
  { all: ['jaundice'], except: ['macula'] },
  { all: ['eye_infection', 'eye_blur'] },
  { all: ['eye_infection', 'eye_pain'] },
  // 糖尿病, 尿酸 are no urine; a gum, nose or piles bleed elsewhere in the message is no blood in it.
  { all: ['urine_word', 'urine_blood'], except: ['urine_other'], unlessMessage: ['blood_elsewhere'] },
  { all: ['urine_pain', 'fever'], except: ['urine_other'] },
  { all: ['urine_pain', 'chills'], except: ['urine_other'] },
  { all: ['foot_wound_bad', 'diabetic'] },
  { all: ['urine_pain', 'temp_38'], except: ['urine_other'] },
  { all: ['renal_colic', 'colic_sign'] },
  { all: ['urine_scant', 'ankle_swell'] },
  // A toddler with diarrhoea and dry nappies or no tears is drying out.
  { all: ['gut_loss', 'dehydration', 'age_child'] },
  { all: ['eye_foreign'] },
  // A household chemical in the eye (眼睛溅了洗洁精 冲过了还是红): rinsed, then seen today.
  { all: ['caustic', 'eye_word', 'eye_splash'] },
  { all: ['menstrual_soak'] },
  { all: ['bp_drop', 'bp_drug', 'bp_drop_signs'] },
  { all: ['bp_low', 'bp_drug', 'bp_drop_signs'] },
  // A fever of 38 °C or more in a pregnancy: the fever itself harms the baby, a doctor today.
  { all: ['temp_38', 'pregnant'] },
  { all: ['pitting', 'breath_exertion'] },
  { all: ['hypo_repeat'] },
  { all: ['embedded_object'] },
  { all: ['bp_drug', 'drug_effect'], everyLive: true },
  { all: ['no_stool', 'vomit_any'] },
  { all: ['phlegm_cough', 'breath_mild', 'elderly'] },
  { all: ['phlegm_cough', 'breath_mild', 'age_elderly'] },
  { all: ['poor_intake', 'fever'] },
  { all: ['poor_intake', 'elderly', 'listless'] },
  { all: ['poor_intake', 'age_elderly', 'listless'] },
  { all: ['asks_today'], unlessMessage: ['routine_ask'] },
  { all: ['eye_flash', 'eye_word'] },
  { all: ['procedure_recent', 'belly_ache'] },
  { all: ['antidepressant', 'ad_effects'] },
  { all: ['paranoia'] },
  { all: ['mental_flare'] },
  { all: ['sting_word', 'swell_spread'] },
  { all: ['pitting'] },
  { all: ['temp_38', 'age_baby'] },
  { all: ['dose_twice', 'bp_drug'] },
  { all: ['dose_twice', 'narrow_drug'] },
  { all: ['antiplatelet_stopped', 'stent'] },
  { all: ['told_come_today'] },
  { all: ['wants_talk', 'low_feel'] },
  { all: ['temp_38', 'cough_days'] },
  { all: ['temp_38', 'dementia_dx'] },
  { all: ['hip_pain', 'injury_context', 'elderly'] },
  { all: ['hip_pain', 'injury_context', 'parent_word'] },
  { all: ['fever', 'fever_days'], scope: 'clause', unless: ['fever_over'] },
  { all: ['temp_38', 'fever_days'], scope: 'clause', unless: ['fever_over'] },
  // A swollen calf after surgery, a long journey or a cast, or one-sided: a clot until shown otherwise.
  { all: ['leg_swollen', 'calf', 'dvt_risk'] },
  { all: ['leg_swollen', 'calf', 'one_side'], scope: 'clause' },
  // One leg thicker than the other (左腿比右腿粗很多), the comparison being the one side.
  { all: ['leg_one_thicker'] },
  { all: ['calf', 'side_swollen'] },
  // A small child both vomiting and with diarrhoea (宝宝拉肚子第二天了，今天还吐了两次): drying out fast, seen today.
  { all: ['diarrhoea', 'vomited', 'little_one'], everyLive: true },
  { all: ['nail_blood'] },
  { all: ['pain_wakes'], unlessMessage: ['leg_cramp'] },
  { all: ['insulin_slip'] },
  // A socket still oozing the day after a tooth came out (拔完牙第二天还在渗血): the dentist or a doctor today.
  { all: ['uncontrolled', 'tooth_out'] },
  // A chest twinge coming more often (胸口偶尔刺一下…今天次数多了点): unstable until seen.
  { all: ['chest_word', 'more_often'] },
  // A calf red, swollen and sore (小腿又红又肿，按着疼): a clot or an infection, seen today.
  { all: ['red_swollen', 'calf'], everyLive: true },
  // An old person with diarrhoea and flagging (拉了一天了 人有点蔫了 七十多岁了).
  { all: ['gut_loss', 'listless_mild', 'age_elderly'] },
  { all: ['gut_loss', 'listless_mild', 'elderly'] },
  // Breathless on a short walk, new this week (走路就喘…以前不这样): the heart or lungs, seen today.
  { all: ['breath_exertion', 'new_change'] },
  // A stent or a bypass, and the chest felt now, however briefly (装了支架半年，这几天胸口偶尔刺一下).
  { all: ['chest_word', 'stent'] },
  // Sickness in a pregnancy that has dried her out (孕吐脱水).
  { all: ['dehydration', 'morning_sickness'] },
  // Diarrhoea again and again with dizziness (拉了五次了，有点头晕): drying out.
  { all: ['gut_loss', 'gut_repeat', 'dizzy_word'], everyLive: true },
  { all: ['anticoag_bleed', 'anticoagulant'] },
  { all: ['rash_any', 'new_drug'] },
  { all: ['rash_any', 'allergy_more_trigger'] },
  { all: ['sting_swelling', 'sting'] },
  { all: ['asthma_worse', 'asthma_word'] },
  { all: ['swallow_act', 'swallowed_object', 'child'] },
  { all: ['swallow_act', 'swallowed_object', 'age_child'] },
  { all: ['hf_worse', 'heart_failure'] },
  { all: ['eye_blur', 'eye_word', 'eye_sore'] },
  // Vomiting or diarrhoea again and again in a baby or an elderly person dries them out fast.
  { all: ['gut_loss', 'gut_repeat', 'age_baby'] },
  // A child told by age (娃儿4岁, 女兒三歲) vomiting again and again today dries out nearly as fast.
  { all: ['vomiting', 'gut_repeat', 'age_child'], everyLive: true },
  // …and so does one named as a little one (娃儿今天吐了五六回了，还在屙稀).
  { all: ['vomiting', 'gut_repeat', 'little_one'], everyLive: true },
  // Diarrhoea six times or more in a child told by age (娃儿三岁，拉了七八回) dries them out as vomiting does; four times
  // in a child eating and drinking well is still routine.
  { all: ['gut_loss', 'gut_many', 'age_child'], everyLive: true },
  { all: ['gut_loss', 'gut_repeat', 'elderly'] },
  { all: ['gut_loss', 'gut_repeat', 'age_elderly'] },
  // Swelling, deformity or a limb that will not move after a fall: an X-ray today.
  // …unless it bears weight (能走路): a sprain to rest and ice, not an X-ray today.
  { all: ['injury_bad', 'injury_context'], unlessMessage: ['walks_ok'] },
  { all: ['wound_dirty', 'injury_context'] },
  // Walking but hurting badly (能走就是胯骨疼得厉害): a fracture can still bear weight.
  { all: ['injury_bad', 'injury_context', 'severity'] },
  { all: ['throat_pain', 'temp_38'] },
  // A sore throat that stops the mouth opening (痛到张不开口, one tonsil swollen): a quinsy, drained the same day.
  { all: ['throat_pain', 'jaw_stuck'] },
  { all: ['spo2_borderline'] },
  { all: ['not_drinking', 'dehydration', 'age_child'] },
  { all: ['ear_discharge', 'ear_word'] },
  { all: ['urine_less', 'kidney_disease'] },
  // Kidney disease with legs swelling up (对脚肿咗好多): fluid the kidneys no longer clear, a doctor today.
  { all: ['kidney_disease', 'leg_swell_more'] },
  { all: ['statin', 'muscle_ache'] },
  { all: ['red_swollen', 'fever'] },
  { all: ['ear_pain', 'child', 'skin_hot'] },
  { all: ['ear_pain', 'child', 'fever'] },
  // A child with earache that keeps them from sleep or play: an ear infection a doctor sees today, fever or not.
  { all: ['ear_pain', 'child', 'ear_distress'] },
  // Burning and frequency together (尿频尿急尿痛): a bladder infection, treated today.
  { all: ['urine_pain', 'urine_freq'], except: ['urine_other'] },
  // A child vomiting and listless (吐了三次…有点蔫) is drying out or sicker than a tummy bug.
  { all: ['vomiting', 'child', 'listless'], everyLive: true },
  { all: ['vertigo', 'vomit_any'] },
  { all: ['dizzy_word', 'unsteady', 'elderly'] },
  { all: ['dizzy_word', 'unsteady', 'age_elderly'] },
  { all: ['croup', 'child'] },
  { all: ['croup', 'age_child'] },
  { all: ['potassium_abnormal'] },
  { all: ['hemoglobin_low'] },
  { all: ['red_swollen', 'skin_hot'] },
  { all: ['joint_flare', 'joint_severe'] },
  // A scald that blistered on a child, however small: a doctor today (larger ones are emergencies above).
  { all: ['blister', 'hot_liquid', 'child'] },
  // A fever of 38 or more under three: the child is seen today, however well it seems between doses.
  { all: ['temp_38', 'age_toddler'], unless: ['fever_mild'], everyLive: true },
  { all: ['wound_bad', 'diabetic'] },
  { all: ['hip_pain', 'injury_context', 'age_elderly'] },
  // A fall at 65 or more that left pain, a wound or a bleed (摔了…膝盖破了皮，他八十): seen today, the head hit or not.
  { all: ['fall_any', 'age_elderly', 'injury_sign'] },
  { all: ['sat_fall', 'age_elderly', 'injury_sign'] },
  // Breathless on a few steps with ankles swelling (走几步就喘，脚踝也肿): the heart failing, a doctor today.
  { all: ['breath_exertion', 'ankle_swell'] },
  // Confusion that is new, with a fever (越来越糊涂…还有点低烧): delirium in an older person, an infection until shown otherwise.
  { all: ['confusion', 'fever'] },
  { all: ['confusion_growing'] },
  { all: ['colic_named'] },
  { all: ['high_fever_word'] },
  // Belly pain with a fever (肚子疼了大半天，右上边…还有点发烧): an appendix or a gallbladder, seen today.
  { all: ['belly_pain', 'fever'] },
  { all: ['stool_fresh_blood'] },
  { all: ['alcohol_stop', 'withdrawal_sign'] },
];
