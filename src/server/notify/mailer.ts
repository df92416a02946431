// SMTP through nodemailer, configured from config.smtp. The worker talks to this interface only,
// so tests can also plug a failing mailer in.
import nodemailer from "nodemailer";
import type { Config } from "../config.js";
import type { Attachment } from "./tables.js";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: Attachment[];
  /** Stable per delivery: a retried e-mail carries the same Message-ID, so duplicates are visible. */
  deliveryId: string;
}

export interface Mailer {
  send(mail: OutgoingEmail): Promise<void>;
  close(): void;
}

/** A refusal the server will repeat (5xx): retrying is pointless. */
export class PermanentSendError extends Error {}

export function smtpMailer(smtp: NonNullable<Config["smtp"]>): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    // Well under the worker's stale-claim delay: a live worker never loses its claim mid-send.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    tls: { rejectUnauthorized: smtp.secure },
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: smtp.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          messageId: messageIdFor(mail.deliveryId, smtp.from),
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content, "base64"),
          })),
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (typeof code === "number" && code >= 500 && code < 600) {
          throw new PermanentSendError((err as Error).message);
        }
        throw err;
      }
    },
    close() {
      transport.close();
    },
  };
}

export function messageIdFor(deliveryId: string, from: string): string {
  const domain = from.split("@")[1]?.replace(/[^a-zA-Z0-9.-]/g, "") || "relais.local";
  return `<${deliveryId}@${domain}>`;
}
