// Reads what `npm start` prints for a newcomer to paste (scripts/start.ts, tryIt): the
// export lines and the query after them, as the tests that run them need them.

/** The lines `npm start` offers to paste, without their indentation; empty when it printed none. */
export function pasteBlock(stdout: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Paste into another terminal') || /Paste:$/.test(line));
  if (start < 0) return '';
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    block.push(line.slice(2));
  }
  return block.join('\n');
}

/** The variables the paste block exports: GATEWAY, WORKSPACE_ID and, when there is a working demo key, ATRIUM_KEY. */
export function pastedExports(stdout: string): Record<string, string> {
  return Object.fromEntries([...pasteBlock(stdout).matchAll(/^export (\w+)=(\S+)$/gm)].map((match) => [match[1], match[2]]));
}
