// Table cells never break a word (`overflow-wrap:normal`), so one very long token (a pasted URL,
// a 200-character name without spaces) set its column's minimum width and pushed every figure
// out of the card. A cell holding such a token is marked `long`, and only there may the browser
// break anywhere; cells of ordinary words (none is longer than 40 characters) stay whole.

/**
 * Whether `text` holds a run of more than `longest` non-space characters (in code points).
 * @example hasLongWord("a".repeat(50)) // true
 */
export const hasLongWord = (text: string, longest = 40): boolean => {
  for (const word of text.match(/\S+/gu) ?? []) if (Array.from(word).length > longest) return true;
  return false;
};
