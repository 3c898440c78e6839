import sanitizeHtml from "sanitize-html";

// Remote images are tracking beacons and content loads the reader did not ask for: only
// images embedded in the message itself (cid:, data:) survive. No style attributes either,
// since CSS `url()` loads remote content too.
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "font", "center"],
  allowedAttributes: {
    a: ["href", "name", "title", "rel", "target"],
    img: ["src", "alt", "title", "width", "height"],
    td: ["colspan", "rowspan", "align", "valign"],
    th: ["colspan", "rowspan", "align", "valign"],
    font: ["color"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["cid", "data"] },
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
  },
  // An <img> whose remote src was stripped is an empty box: drop it.
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs["src"],
};

/**
 * Makes an email's HTML safe to display: scripts, event handlers, styles and remote images are
 * removed; links open in a new tab without a referrer.
 *
 * @example
 * sanitizeEmailHtml('<p onclick="x()">hi<img src="https://t.example/p.gif"></p>') // "<p>hi</p>"
 */
export const sanitizeEmailHtml = (html: string): string => sanitizeHtml(html, OPTIONS);

const BLOCK_END = /<\/(p|div|h[1-6]|li|tr|table|blockquote|pre)\s*>|<br\s*\/?>/gi;

/**
 * Plain text of an HTML fragment, for the rare body mailparser did not convert itself.
 *
 * @example
 * htmlToPlainText("<p>a</p><p>b</p>") // "a\nb"
 */
export const htmlToPlainText = (html: string): string =>
  sanitizeHtml(html.replace(BLOCK_END, (m) => `${m}\n`), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
