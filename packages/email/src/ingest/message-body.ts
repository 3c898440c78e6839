import type { InboundEmail } from "../parse/schema";

const describe = (a: InboundEmail["attachments"][number]): string => {
  const name = a.filename ?? "(unnamed)";
  switch (a._tag) {
    case "StoredAttachment":
      return `- ${name} (${a.contentType}, ${a.size} bytes) ${a.ref}`;
    case "AttachmentTooLarge":
      return `- ${name} (${a.contentType}, ${a.size} bytes) not stored: over the ${a.limit}-byte limit`;
    case "InlineAttachment":
      return `- ${name} (${a.contentType}) shown in the text above`;
  }
};

/**
 * The body a ticket message records for an email: its text, then one line per attachment with
 * the attachment store's reference, so the history says what came with the mail and where it is.
 *
 * @example
 * messageBody(email) // "Printer is down.\n\nAttachments:\n- photo.jpg (image/jpeg, 5120 bytes) mem:1"
 */
export const messageBody = (email: Pick<InboundEmail, "text" | "attachments">): string => {
  const text = email.text.replace(/\s+$/, "");
  if (email.attachments.length === 0) return text;
  return `${text}${text === "" ? "" : "\n\n"}Attachments:\n${email.attachments.map(describe).join("\n")}`;
};
