/**
 * One email carrying a report's files.
 * @example
 * await mailer.send({ to: ["lead@example.com"], subject: "Weekly backlog", text: "Attached.", attachments: [{ filename: "backlog.pdf", content: pdf, contentType: "application/pdf" }] })
 */
export interface ReportMail {
  readonly to: ReadonlyArray<string>;
  /** The run's Message-ID, the same on every attempt. */
  readonly messageId?: string;
  readonly subject: string;
  /** The plain-text alternative. */
  readonly text: string;
  /** The HTML body: the report itself, or for a large report its first rows and totals. */
  readonly html?: string;
  readonly attachments: ReadonlyArray<{ readonly filename: string; readonly content: Buffer; readonly contentType: string }>;
}

/**
 * The port schedules deliver through.
 * @example
 * const mailer: ReportMailer = { send: async (mail) => void outbox.push(mail) } // a test double
 */
export interface ReportMailer {
  /** Sends one report mail; the scheduler retries transient failures (`isTransientDeliveryError`). */
  send(mail: ReportMail): Promise<void>;
}

/**
 * What `nodemailerMailer` uses of a nodemailer transport (typed here so hosts need no nodemailer types).
 * @example
 * const mailer = nodemailerMailer(nodemailer.createTransport({ host: "smtp.example.com", port: 587 }) satisfies MailTransport, "reports@example.com")
 */
export interface MailTransport {
  /** Sends one message (nodemailer's `Transport.sendMail`). */
  sendMail(message: {
    from: string; to: string[]; subject: string; text: string; html?: string;
    attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
  }): Promise<unknown>;
}

/**
 * A `ReportMailer` over a nodemailer transport the host owns; create it with `smtpTimeouts` so a
 * stalled server cannot hang the scheduler. Errors keep nodemailer's `responseCode` and `code`.
 * @example nodemailerMailer(nodemailer.createTransport({ host: "smtp.example.com", port: 587 }), "reports@example.com")
 */
export const nodemailerMailer = (transport: MailTransport, from: string): ReportMailer => ({
  async send(mail) {
    await transport.sendMail({
      from,
      to: [...mail.to],
      ...(mail.messageId === undefined ? {} : { messageId: mail.messageId }),
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === undefined ? {} : { html: mail.html }),
      attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    });
  },
});
