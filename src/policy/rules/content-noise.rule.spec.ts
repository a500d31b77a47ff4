import { expectRule } from './rule-spec-support';

// content.noise: no letter or digit at all, or nothing but a throwaway word.
describe('content.noise', () => {
  expectRule(
    'content.noise',
    ['ㅋㅋㅋㅋ', 'ㅠㅠ', 'ㅎㅎㅎ', '!!!', '^^', '👍👍', '...', 'ㅋㅋㅋ ㅠㅠ !!', '😂😂😂', '?', 'first', 'First!!', '1등', '1등!!', '1빠 ㅋㅋ', 'first ㅋㅋㅋ', '일빠', 'ㄷㄷ', '♥♥♥'],
    ['ㅋㅋ 진짜 웃기네', '좋아요', '1등 국가가 되려면 멀었다', 'first time I agree with the editorial', 'ok', '100%', '2026', '👍 좋은 기사', '동의합니다!!', 'ㅋㅋㅋ 기자님 센스', '굿굿 잘 봤습니다'],
  );
});
