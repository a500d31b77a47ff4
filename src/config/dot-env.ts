import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config';

type Env = Record<string, string | undefined>;

// NAME=value, optionally after `export ` as in a shell file.
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/;

/**
 * Reads `.env` in `cwd` into `env`, the way `@nestjs/config` users expect:
 * a variable already in the environment wins over the file, the file only
 * fills the rest, and a missing file is fine. Skipped under NODE_ENV=test so
 * that no test ever depends on a developer's own `.env`.
 *
 * Node's own parser does the parsing (util.parseEnv, as process.loadEnvFile),
 * but it silently turns a line without `=` into a strange variable name, so
 * each line is checked first and a bad one stops start-up with one line.
 * Returns the names it set.
 */
export function loadDotEnv(cwd: string = process.cwd(), env: Env = process.env): string[] {
  if (env.NODE_ENV === 'test') return [];
  const file = path.join(cwd, '.env');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError('.env', `cannot be read: ${(error as Error).message}`);
  }
  const bad = firstMalformedLine(text);
  if (bad) throw new ConfigError('.env', `line ${bad.number} is not NAME=value: "${bad.text.trim().slice(0, 60)}"`);
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}

function firstMalformedLine(text: string): { number: number; text: string } | undefined {
  const lines = text.split(/\r?\n/);
  let openQuote: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (openQuote) {
      // Inside a quoted value that spans lines (a PEM key, say): only its closing quote matters.
      if (line.includes(openQuote)) openQuote = undefined;
      continue;
    }
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (!ASSIGNMENT.test(line)) return { number: i + 1, text: line };
    const value = line.slice(line.indexOf('=') + 1).trimStart();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote)) openQuote = quote;
  }
  return undefined;
}
