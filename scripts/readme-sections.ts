// README.md's generated sections: text between a begin and an end marker, rewritten by
// `npm run docs` from the code and checked by test/readme.test.ts.
import { readmeWithRoles } from './readme-roles.js';
import { readmeWithLimits } from './readme-limits.js';

/** The README with the text between `begin` and `end` replaced by `body`. */
export function replaceSection(readme: string, begin: string, end: string, body: string): string {
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`README.md lacks the ${begin} … ${end} markers`);
  return `${readme.slice(0, start + begin.length)}\n${body}\n${readme.slice(stop)}`;
}

/** The README with every generated section as the code has it now. */
export function readmeGenerated(readme: string): string {
  return readmeWithLimits(readmeWithRoles(readme));
}
