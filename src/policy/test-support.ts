import * as path from 'node:path';

/** The repository's policy file, for specs (src/policy/… → repo root). */
export function projectPolicyFile(): string {
  return path.resolve(__dirname, '../../policy/standards-board.yaml');
}
