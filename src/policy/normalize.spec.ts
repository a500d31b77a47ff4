import { toMatchForm } from './normalize';

// Issue 14: the matching form of Latin text.
describe('the matching form of English', () => {
  const form = (s: string) => toMatchForm(s).text;

  it.each<[string, string]>([
    // A look-alike symbol or digit is a letter only between letters: at a word's edge it is punctuation or a number.
    ['Fuck!', 'fuck'],
    ['kys!', 'kys'],
    ['piece of shit!', 'piece of shit'],
    ['b!tch', 'bitch'],
    ['sh1t', 'shit'],
    ['p0rn', 'porn'],
    ['covid19', 'covid'],
    ['wow!!!', 'wow'],
    // Cyrillic and Greek look-alikes in a word with Latin letters, or a word made only of them.
    ['fuсk', 'fuck'],
    ['ѕhit', 'shit'],
    ['bυllshit', 'bullshit'],
    ['ѕһіт', 'shit'],
    // Russian and Greek words with other letters stay as they are.
    ['Борис', 'борис'],
    ['Σωκράτης', 'σωκράτης'],
  ])('%s → %s', (input, expected) => {
    expect(form(input)).toBe(expected);
  });

  it('keeps a masked word for the list matcher, as typed', () => {
    expect(toMatchForm('f**k this').masked).toEqual(['f**k']);
    expect(toMatchForm('sh*t!').masked).toEqual(['sh*t']);
    expect(toMatchForm('*really* good').masked).toBeUndefined();
    expect(toMatchForm('5*3 is 15').masked).toBeUndefined();
  });

  it('collapses a lone run of x to one letter, which no list entry may be (Malcolm X, XXX Olympiad)', () => {
    expect(form('Malcolm X')).toBe('malcolm x');
    expect(form('XXX Olympiad')).toBe('x olympiad');
  });
});
