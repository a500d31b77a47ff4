/**
 * Insults aimed at a group in English, by shape rather than by slur: a group
 * said to be animals, vermin, a disease or criminals as a whole ("Koreans are
 * dogs", "Muslims are terrorists, every one of them"), or a group with a
 * dirty-word in front and an animal behind ("dirty Chinese pigs"). The slurs
 * themselves are the hate list's. Read by hate.rule.ts; hate holds, so a
 * person decides.
 *
 * The group names are cues: the one automaton of all lists finds them as it
 * scans the text anyway (engine.ts), and a text with none is not read here.
 */
export const GROUP_CUES = [
  'chinese', 'japanese', 'korean', 'koreans', 'jews', 'jew', 'muslims', 'muslim', 'christians', 'gays', 'gay', 'lesbians', 'trans', 'women',
  'woman', 'girls', 'feminists', 'immigrants', 'migrants', 'refugees', 'foreigners', 'blacks', 'whites', 'asians', 'indians', 'arabs',
  'africans', 'filipinos', 'vietnamese', 'americans', 'russians', 'mexicans', 'homosexuals', 'jeollanese', 'leftists', 'liberals',
  'conservatives', 'commies', 'communists',
];

const GROUP = String.raw`(?:chinese|japanese|koreans|jews|muslims|christians|gays|gay people|lesbians|trans people|transgenders|women|girls|feminists|immigrants|migrants|refugees|foreigners|blacks|whites|asians|indians|arabs|africans|filipinos|vietnamese|americans|russians|mexicans|homosexuals|leftists|liberals|conservatives|commies|communists)`;
const DEHUMANISING = String.raw`(?:dogs|pigs|rats|animals|vermin|cockroaches|roaches|monkeys|apes|parasites|insects|subhuman|scum|filth|trash|garbage|a disease|diseased|a cancer|an abomination|abominations|terrorists|rapists|criminals|savages|barbarians|inferior|retarded|retards|mentally ill|a plague|a virus|snakes|leeches|worms|thieves|liars)`;

const PATTERNS = new RegExp(
  String.raw`\b(?:` +
    String.raw`(?:all |most |these |those |the )?${GROUP} (?:are|r) (?:all |just |nothing but |such |a bunch of |literally |basically )*${DEHUMANISING}` +
    String.raw`|(?:dirty|filthy|stinking|smelly|fucking|damn|bloody) ${GROUP} (?:pigs|dogs|rats|monkeys|apes|animals|vermin|cockroaches|scum|bastards|parasites)` +
    String.raw`|(?:women|girls|woman) (?:belong|should stay|should be kept) in the kitchen` +
    String.raw`|${GROUP} (?:should|must|need to|have to) (?:all )?(?:be deported|be sterilized|be locked up|go back where they came from|be banned from (?:existing|living))` +
    String.raw`)\b`,
);

/** Whether the text insults a group by one of these shapes. `t` is threatText's reading (lower case, apostrophes gone). */
export function insultsGroup(t: string): boolean {
  return PATTERNS.test(t);
}
