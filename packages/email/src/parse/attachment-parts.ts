import type { MimeTreeNode } from "./run-mail-parser";

/** A leaf MIME part that counts as an attachment, in document order. */
export interface AttachmentPart {
  readonly tree: MimeTreeNode;
  readonly filename: string | null;
  /** The type the part declares (not a guess from the file name). */
  readonly contentType: string;
  readonly contentId: string | undefined;
}

const BODY_TYPES = new Set(["text/plain", "text/html", "message/delivery-status"]);

/**
 * Lists the attachment parts of a parsed MIME tree: every leaf (an attached message is a leaf:
 * we do not look inside it) that is declared `attachment`, carries a file name, or is not a
 * body type. This follows the declared structure, where mailparser folds inline messages and
 * named inline text into the body and counts text parts with an invalid disposition as files.
 *
 * @example
 * attachmentParts(output.tree).map((p) => p.filename)
 */
export const attachmentParts = (root: MimeTreeNode | undefined): AttachmentPart[] => {
  const found: AttachmentPart[] = [];
  // An explicit stack: a hostile message may nest parts deeply, recursion must not overflow.
  const stack: Array<{ node: MimeTreeNode; parentType: string | null }> = [];
  if (root) stack.push({ node: root, parentType: null });
  while (stack.length > 0) {
    const { node, parentType } = stack.pop()!;
    const type = declaredType(node, parentType);
    const isMessage = type === "message/rfc822";
    if (!isMessage && node.children.length > 0) {
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push({ node: node.children[i]!, parentType: type });
      }
      continue;
    }
    if (type.startsWith("multipart/")) continue;
    // A blank name (`name=" "`, seen in Outlook forwards) names nothing.
    const filename = node.node.filename && node.node.filename.trim() !== "" ? node.node.filename : null;
    const disposition = node.node.disposition || null;
    if (disposition === "attachment" || filename !== null || !BODY_TYPES.has(type)) {
      found.push({ tree: node, filename, contentType: type, contentId: contentIdOf(node) });
    }
  }
  return found;
};

const declaredType = (node: MimeTreeNode, parentType: string | null): string => {
  // mailsplit fills in text/plain for a part without Content-Type, even inside a digest.
  if (node.contentType && node.headers.has("content-type")) return node.contentType.toLowerCase();
  // RFC 2046: the default inside a digest is a message, elsewhere plain text.
  return parentType === "multipart/digest" ? "message/rfc822" : "text/plain";
};

const contentIdOf = (node: MimeTreeNode): string | undefined => {
  const value = node.headers.get("content-id");
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() !== "" ? first.trim() : undefined;
};
