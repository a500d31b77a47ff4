/**
 * Threats in English by their shape rather than by fixed phrase: a first
 * person, a future or an intent, a verb of harm and a person ("I'm going to
 * kill you", "we'll find you and shoot you"); harm wished or deserved ("deserves
 * a bullet", "should be hanged"); the classic lines ("I know where you live",
 * "slit your throat"); and incitement against groups and places ("kill all the
 * ...", "bomb the Japanese embassy"). Read by violence.rule.ts.
 *
 * Reported speech: a threat inside quotation marks, or after "said", "told",
 * "shouted", "wrote" and the like in its sentence, is somebody else's words
 * that the reader reports ("police said he told her 'I will kill you'"): it is
 * held for a moderator, never refused with a strike. A threat described as a
 * plot or a threat ("a plot to bomb the embassy", "threatened to kill him") is
 * news, not a threat at all.
 *
 * Built once at load; a text with none of THREAT_CUES (most comments, every
 * Korean one) is not read by these patterns at all.
 */

const HARM = String.raw`(?:kill|murder|shoot|stab|strangle|choke|behead|decapitate|hang|lynch|burn|torch|bomb|nuke|rape|hurt|punch|smash|slaughter|gut|torture|butcher|massacre|exterminate|gas|skin|slap|knife|gun down|run over|blow up|find and kill|hunt down|take out)`;
const PERSON = String.raw`(?:you|ya|u|yall|you all|your(?:self| \w+)|him|her|them|his \w+|their \w+|every(?:one|body| one of you| last one| \w+)|all (?:of )?(?:you|them|the \w+|\w+)|anyone|anybody|someone|somebody|people|(?:that|this) (?:bitch|bastard|guy|man|woman|reporter|journalist|idiot|traitor|pig|slut|whore|fag|faggot|clown)|the (?:reporter|journalist|author|writer|editor|judge|president|mayor|minister|lawmaker|prosecutor|ceo|idol|singer|actor|actress|victim|girl|boy|kid|family)s?)`;
const INTENT = String.raw`(?:i (?:will|shall|would|am going to|am gonna|am gunna|want to|wanna|plan to|intend to|am about to|am coming to|could|gonna|gotta|must|swear i will|swear ill)|ill|imma|ima|im (?:going to|gonna|gunna|about to|coming to|gonna come and|going to come and)|we (?:will|shall|are going to|are gonna|gonna|want to|should|must)|were (?:going to|gonna)|well|id)`;
const FILLER = String.raw`(?:(?:fucking|personally|literally|just|really|seriously|actually|come and|come|go and|find you and|hunt you down and|track you down and|fucking come and|come (?:to|over to|round to) (?:your|his|her|their) \w+ and|wait for (?:you|him|her) and|come over and|go over there and) )*`;
/** Harm that carries its own object: "beat you to death", "beat the shit out of him", "end you". */
const HARM_WITH_OBJECT = String.raw`(?:beat (?:you|u|him|her|them) (?:up|to death|senseless|bloody)|beat the (?:shit|crap|hell|life) out of ${PERSON}|end (?:you|u|ya))`;
const GROUP = String.raw`(?:japs?|japanese|chinese|chinks?|koreans?|north koreans|jews|muslims|christians|gays|fags|faggots|trannies|lesbians|women|feminists|immigrants|migrants|refugees|foreigners|blacks|whites|asians|commies|communists|liberals|leftists|conservatives|traitors|journalists|reporters|politicians|lawmakers|protesters|americans|russians|ukrainians|indians|pakistanis|arabs|africans|filipinos|vietnamese)`;
const PLACE = String.raw`(?:embass(?:y|ies)|consulates?|mosques?|church(?:es)?|synagogues?|temples?|shrines?|yasukuni|schools?|offices?|headquarters|hq|stations?|parliament|assembly|blue house|white house|newsroom|city hall|courthouse|court|airport|tokyo|beijing|seoul|pyongyang|japan|china|korea)`;

/** First person, intent, harm, a person: "i will kill you", "im going to fucking shoot him". */
const FIRST_PERSON = new RegExp(String.raw`\b${INTENT} ${FILLER}(?:${HARM} ${PERSON}|${HARM_WITH_OBJECT})\b`);
/** Harm asked of others: "someone needs to shoot this guy", "somebody should take out the president". */
const ASKED = new RegExp(
  String.raw`\b(?:someone|somebody|anyone|anybody|we|yall|you all|people) (?:needs? to|should|must|ought to|has to|have to|gotta|gonna|will|better) (?:just |really |finally )?(?:${HARM} ${PERSON}|${HARM_WITH_OBJECT})\b`,
);
/** Harm wished, deserved or promised to a person, whoever speaks. */
const WISHED = new RegExp(
  String.raw`\b(?:` +
    String.raw`(?:slit|cut|slice) (?:your|his|her|their|ur) throats?` +
    String.raw`|(?:break|snap|smash|bash) (?:your|his|her|their|ur) (?:neck|legs?|arms?|jaw|bones|skull|face|head)` +
    String.raw`|(?:blow|shoot) (?:your|his|her|their|ur) (?:brains|head|face) (?:out|off)` +
    String.raw`|put a bullet (?:in|through)` +
    String.raw`|(?:deserves?|deserved|earned) (?:a bullet|the rope|a noose|to (?:die|be (?:shot|killed|hanged|hung|lynched|raped|murdered|gassed|beheaded|burned alive|stabbed)))` +
    String.raw`|needs? (?:a bullet|the rope|a noose)` +
    String.raw`|(?:he|she|they|you|u|these|those|people like (?:you|him|her|them)|all of them|\w+s) (?:should|must|ought to) (?:all )?(?:die|be (?:shot|killed|hanged|lynched|raped|murdered|gassed|beheaded|burned alive|exterminated|wiped out|nuked|stabbed))` +
    String.raw`|hope (?:you|u|he|she|they|your \w+) (?:die|dies|get (?:shot|killed|raped|stabbed|cancer)|gets (?:shot|killed|raped|stabbed|cancer)|rots? in hell)(?! (?:peacefully|happy|of old age|in (?:her|his|their|your) sleep))` +
    String.raw`|(?:i|we) know where (?:you|u|ya|your \w+|he|she|they) (?:live|lives|sleep|sleeps|work|works)` +
    String.raw`|(?:you|u)(?: are|re|r) (?:dead|a dead (?:man|woman)|next)(?! (?:wrong|right|serious|set|last|tired|on|to|in))` +
    String.raw`|(?:you|u) (?:will|gonna|are going to) die` +
    String.raw`|watch your back(?! (?:when|if|at|in|on|while|around|out there|on the))|your days are numbered|sleep with one eye open` +
    String.raw`|^(?:just |please |pls |plz |go )?die\b(?! (?:of|from|for|in peace|happy|young|hard|out|down|off))|just die already|die already` +
    String.raw`)\b`,
);
/** Incitement against a group or a place: "kill all the ...", "gas the ...", "bomb the Japanese embassy", "nuke Tokyo". */
const INCITEMENT = new RegExp(
  String.raw`\b(?:` +
    String.raw`(?:kill|shoot|gas|hang|lynch|exterminate|slaughter|massacre|behead|execute|burn|deport and kill|wipe out|get rid of) (?:all|every|the|those|these)? ?(?:of )?(?:the |those |these |filthy |dirty |fucking )?${GROUP}` +
    String.raw`|(?:kill|shoot|gas|hang|nuke|bomb|exterminate|execute|slaughter) (?:them|em|those people|these people) all` +
    String.raw`|(?:line|round) (?:them|em|those people|these people|\w+s) up (?:against (?:a|the) wall|and (?:shoot|kill|hang|gas))` +
    String.raw`|string (?:them|em|him|her) up` +
    String.raw`|the only good \w+ is a dead \w+` +
    String.raw`|death to (?:all )?(?:${GROUP}|japan|china|america|korea|israel|the \w+)` +
    String.raw`|(?:bomb|nuke|firebomb|torch|burn down|blow up|shoot up|set fire to) (?:the |their |that |a |every )?(?:\w+ ){0,2}${PLACE}` +
    String.raw`|(?:burn|blow|tear) (?:the |their |that |every )?(?:\w+ ){0,2}${PLACE} (?:down|up)` +
    String.raw`)\b`,
);
/** A person is shot a message, not a bullet: "I'll shoot you an email", "shoot him a text". */
const SHOOT_A_MESSAGE = /\bshoot (?:you|u|ya|him|her|them|me|us) (?:an?|the|my|our|your|over an?) ?(?:quick |short )?(?:e-?mail|mail|message|note|text|line|dm|pm|link|invite|reply|question|look|glance|photo|picture|update|call|request)/;
/** Words that say the threat is news: "a plot to bomb ...", "threatened to kill ...", "was jailed for ...". */
const DESCRIBED = /\b(?:plot|plots|plotted|plotting|plan|plans|planned|planning|threat|threats|threaten|threatened|threatening|threatens|vow|vowed|vows|attempt|attempted|attempting|tried|trying|try|conspiracy|conspired|conspiring|accused of|charged with|convicted of|arrested for|jailed for|sentenced for|calls?|called|calling|urged|urging|incite|incited|inciting)(?: \w+){0,3} (?:to )?$/;
/** Reporting verbs: what follows them in the sentence is somebody else's words. */
const REPORTING = /\b(?:said|says|say|told|tells|tell|shouted|shouts|yelled|yells|screamed|screams|wrote|writes|written|texted|posted|messaged|tweeted|chanted|chanting|chants|allegedly|reportedly|according to|quoted|quoting|quote|threatened|warned|saying|telling|sent|sending|suggested|suggests|suggest|left a note|called her|called him)\b/;

/**
 * Words without which no pattern here can match, found by the one automaton of all lists as it
 * scans the text anyway (engine.ts adds them as the hidden `cues` list): a text with none of them
 * (every Korean comment, most English ones) costs nothing more. Endings come with them (kills, hanged).
 */
export const THREAT_CUES = [
  'kill', 'murder', 'shoot', 'shot', 'stab', 'slit', 'cut', 'slice', 'strangle', 'choke', 'behead', 'decapitate', 'hang', 'hung', 'lynch',
  'burn', 'burned', 'torch', 'bomb', 'firebomb', 'nuke', 'rape', 'raped', 'hurt', 'punch', 'smash', 'bash', 'break', 'snap', 'slaughter', 'gut',
  'torture', 'butcher', 'massacre', 'exterminate', 'exterminated', 'gas', 'gassed', 'skin', 'beat', 'slap', 'knife', 'gun', 'run over',
  'blow', 'hunt', 'bullet', 'rope', 'noose', 'die', 'dies', 'dead', 'live', 'lives', 'sleep', 'work', 'next', 'back', 'numbered', 'eye open',
  'wipe', 'wiped', 'rid', 'fire', 'end', 'take', 'death', 'round', 'line', 'string', 'good', 'stabbed', 'murdered', 'beheaded', 'killed', 'lynched', 'nuked', 'blown',
];

export interface ThreatFinding {
  kind: 'threat' | 'incitement';
  /** Somebody else's words, reported: held, no strike. */
  reported: boolean;
}

/**
 * The text as the patterns read it: lower case, curly quotes straightened,
 * apostrophes inside words dropped (i'm → im, you're → youre), runs of spaces
 * one; sentence punctuation and quotation marks kept.
 */
export function threatText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/(?<=[a-z])'(?=[a-z])/g, '')
    .replace(/[^\S\n]+/g, ' ');
}

/** Whether the words at `at` of a threatText reading are inside quotation marks. */
export function insideQuotes(t: string, at: number): boolean {
  let quotes = 0;
  for (let i = 0; i < at; i++) {
    const c = t[i];
    if (c === '"') quotes++;
    // A single quote opens or closes a quotation at a word's edge (apostrophes inside words are gone).
    else if (c === "'" && (i === 0 || !/[a-z0-9]/.test(t[i - 1]) || !/[a-z0-9]/.test(t[i + 1] ?? ' '))) quotes++;
  }
  return quotes % 2 === 1;
}

/** Whether the words at `at` are inside quotation marks or follow a reporting verb in their sentence. */
export function isReported(t: string, at: number): boolean {
  if (insideQuotes(t, at)) return true;
  const before = t.slice(0, at);
  const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '), before.lastIndexOf('\n')) + 1);
  return REPORTING.test(sentence);
}

/** The first threat or incitement the patterns find in a text, or null. */
export function findThreat(text: string): ThreatFinding | null {
  const t = threatText(text);
  for (const [re, kind] of [
    [FIRST_PERSON, 'threat'],
    [ASKED, 'threat'],
    [WISHED, 'threat'],
    [INCITEMENT, 'incitement'],
  ] as const) {
    const m = re.exec(t);
    if (!m) continue;
    if (SHOOT_A_MESSAGE.test(t.slice(m.index))) continue;
    if (DESCRIBED.test(t.slice(Math.max(0, m.index - 60), m.index))) continue;
    return { kind, reported: isReported(t, m.index) };
  }
  return null;
}

/** For a listed phrase found by the automaton ("kys", "go die"): whether its first occurrence in the text is reported speech. */
export function listedIsReported(text: string, words: ReadonlySet<string>): boolean {
  const t = threatText(text);
  for (const w of words) {
    const at = t.indexOf(w);
    if (at === -1 || !isReported(t, at)) return false;
  }
  return true;
}
