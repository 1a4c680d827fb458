import type {ServerConfig} from './config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** A sent message as kept for `GET /dev/outbox`. */
export interface OutboxMessage extends MailMessage {
  sentAt: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** What was "sent" without SMTP, oldest first (at most the last 100); empty with SMTP. */
  readonly outbox: readonly OutboxMessage[];
}

const OUTBOX_SIZE = 100;

/**
 * With `smtpUrl`: nodemailer over that transport. Without, in development mode only: each message
 * is written to the log and kept in memory for the dev outbox. Without, outside development:
 * nothing is sent and only the recipient is logged (never a code).
 */
export function createMailer(
  config: Pick<ServerConfig, 'smtpUrl' | 'mailFrom'> & Partial<Pick<ServerConfig, 'development'>>,
  now: () => Date,
): Mailer {
  const outbox: OutboxMessage[] = [];
  if (config.smtpUrl === null && !config.development) {
    // Production without SMTP: nothing is sent, and no one-time code reaches the log.
    return {
      outbox,
      async send(message) {
        console.warn(`[passkey-server] mail to ${message.to} not sent: SMTP_URL is not set`);
      },
    };
  }
  if (config.smtpUrl === null) {
    return {
      outbox,
      async send(message) {
        console.info(`[passkey-server] mail to ${message.to}: ${message.subject}\n${message.text}`);
        outbox.push({...message, sentAt: now().toISOString()});
        if (outbox.length > OUTBOX_SIZE) outbox.shift();
      },
    };
  }
  const smtpUrl = config.smtpUrl;
  let transport: Promise<{sendMail(m: object): Promise<unknown>}> | undefined;
  return {
    outbox,
    async send(message) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
      await (await transport).sendMail({from: config.mailFrom, ...message});
    },
  };
}
