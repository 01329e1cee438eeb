// `ILIKE` patterns from user text: %, _ and \ are taken literally, so a search for "50%"
// finds "50%" and not everything starting with "50".
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
