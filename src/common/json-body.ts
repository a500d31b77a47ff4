import type { FastifyRequest } from 'fastify';
import { AppError } from './errors';

/**
 * No route reads more than a few fields: these bounds are far above any real
 * request and far below what makes parsing and validation expensive. Without
 * them a 1 MiB body of 80,000 unknown keys cost seconds of CPU in the
 * validator (which lists every one), and a body nested 500,000 deep overflowed
 * class-transformer's stack (a 500).
 */
export const MAX_JSON_DEPTH = 32;
/** Object keys plus array elements, in the whole body. */
export const MAX_JSON_MEMBERS = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * One pass over the bytes, before JSON.parse: the nesting depth and the
 * number of members. UTF-8 never puts an ASCII byte inside a multi-byte
 * character, so the structural characters are found byte by byte, strings
 * skipped. Malformed JSON is left for the parser to refuse.
 */
export function checkJsonShape(bytes: Uint8Array): AppError | null {
  // Whether each open container is an array (a comma there separates elements; in an object, a colon counts the key).
  const inArray: boolean[] = [];
  let members = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    switch (c) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (inArray.length >= MAX_JSON_DEPTH) return tooDeep();
        inArray.push(c === OPEN_ARRAY);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        inArray.pop();
        break;
      case COLON:
        if (++members > MAX_JSON_MEMBERS) return tooMany();
        break;
      case COMMA:
        if (inArray[inArray.length - 1] && ++members > MAX_JSON_MEMBERS) return tooMany();
        break;
    }
  }
  return null;
}

function tooDeep(): AppError {
  return AppError.validation(
    { en: `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, ko: '요청 본문의 중첩이 너무 깊습니다.' },
    { maxDepth: MAX_JSON_DEPTH },
  );
}

function tooMany(): AppError {
  return AppError.validation(
    { en: `The request body has more than ${MAX_JSON_MEMBERS} keys and elements.`, ko: '요청 본문의 항목이 너무 많습니다.' },
    { maxMembers: MAX_JSON_MEMBERS },
  );
}

type Done = (error: Error | null, body?: unknown) => void;
type JsonParser<B> = (request: FastifyRequest, body: B, done: Done) => void;

/** Wraps Fastify's own JSON parser (which refuses `__proto__` and `constructor.prototype`) with the shape check. */
export function guardedJsonParser(defaultParser: JsonParser<string>): JsonParser<Buffer> {
  return (request, body, done) => {
    const refused = checkJsonShape(body);
    if (refused) return done(refused);
    defaultParser(request, body.toString('utf8'), done);
  };
}
