// Table cells never break a word (`overflow-wrap:normal`), so one very long token (a pasted URL,
// a 200-character name without spaces) set its column's minimum width and pushed every figure
// out of the card. Such a token gets zero-width spaces, break opportunities the browser uses only
// when it must; words up to `longest` characters are left whole.
const zwsp = "\u200b";

/**
 * `text` with a zero-width space every `chunk` characters inside any run of more than `longest`
 * non-space characters (counted in code points, so no surrogate pair is split).
 * @example softBreaks("a".repeat(40)) // "aaaaaaaaaaaaaaaaaaaa\u200baaaaaaaaaaaaaaaaaaaa"
 */
export const softBreaks = (text: string, longest = 30, chunk = 20): string =>
  text.replace(/\S+/gu, (word) => {
    const chars = Array.from(word);
    if (chars.length <= longest) return word;
    const parts: Array<string> = [];
    for (let i = 0; i < chars.length; i += chunk) parts.push(chars.slice(i, i + chunk).join(""));
    return parts.join(zwsp);
  });
