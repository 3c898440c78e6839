import type { Transporter } from "nodemailer";
import type { OutboundEmail } from "./render-notification";

/**
 * What the transport reports for one sent message.
 * @example
 * const { messageId, accepted, rejected }: SendResult = await mailer.send(mail)
 */
export interface SendResult {
  readonly messageId: string;
  readonly accepted: ReadonlyArray<string>;
  readonly rejected: ReadonlyArray<string>;
}

/**
 * Port for sending outbound mail; hosts may wrap their own provider (SES, Postmark…).
 *
 * @example
 * const mailer: Mailer = nodemailerMailer(nodemailer.createTransport({ host, port }))
 */
export interface Mailer {
  /** Sends one message; the result says which recipients the provider accepted and rejected. */
  send(email: OutboundEmail): Promise<SendResult>;
}

/**
 * A `Mailer` over a nodemailer transport the host owns (SMTP, sendmail, SES…).
 *
 * @example
 * await nodemailerMailer(transport).send(renderNotification(request, { key, host }))
 */
export const nodemailerMailer = (transport: Transporter): Mailer => ({
  async send(email) {
    const info = (await transport.sendMail({
      from: email.from,
      to: [...email.to],
      subject: email.subject,
      text: email.text,
      ...(email.html === undefined ? {} : { html: email.html }),
      messageId: email.messageId,
      ...(email.inReplyTo === undefined ? {} : { inReplyTo: email.inReplyTo }),
      references: [...email.references],
      headers: { ...email.headers },
    })) as { messageId?: string; accepted?: unknown[]; rejected?: unknown[] };
    const addresses = (list: unknown[] | undefined) =>
      (list ?? []).map((a) => (typeof a === "string" ? a : String((a as { address?: string }).address)));
    return {
      messageId: info.messageId ?? email.messageId,
      accepted: addresses(info.accepted),
      rejected: addresses(info.rejected),
    };
  },
});
