// Outgoing mail through SMTP (nodemailer): the one way identity sends a message. A mail is
// handed over after the change that asked for it is committed, then delivered in the
// background, retried with backoff (p-retry) when the server is unreachable or answers a
// temporary (4xx) error, so no request waits on a mail server nor fails for one, and an
// answer takes as long whether or not a mail was sent (requestPasswordReset relies on it).
// A mail lost to a crash before delivery is asked for again by its user (resend).
// Logs say which template went to which recipient domain, never a link or token.
import nodemailer, { type Transporter } from 'nodemailer';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from '../logger.js';
import { renderMail, type MailTemplate } from './templates.js';

export interface OutgoingMail {
  readonly to: string;
  readonly template: MailTemplate;
  /** Every {{placeholder}} of the template. */
  readonly values: Readonly<Record<string, string>>;
}

export interface Mailer {
  /** Queues a mail; returns at once. Rendering problems (a missing value) throw here, in the caller. */
  send(mail: OutgoingMail): void;
  /** Resolves when every mail queued so far was delivered or given up on. */
  flush(): Promise<void>;
  /** Flushes, then closes the SMTP connections. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** smtp://user:password@host:port (smtps:// for TLS from the start); unset: mails are dropped and a warning says so, once per mail. */
  readonly smtpUrl?: string;
  readonly from: string;
  readonly logger: Logger;
  /** Attempts after the first for a temporary failure (default 4: about 15 s in all). */
  readonly retries?: number;
}

/** The part of an address a log may carry: its domain (which server it went to), not whose it is. */
function recipientDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** A permanent SMTP refusal (5xx) is not retried: the same mail would be refused again. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
}

export function createMailer(options: MailerOptions): Mailer {
  const { logger } = options;
  const transport: Transporter | undefined = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  const inFlight = new Set<Promise<void>>();

  const deliver = async (mail: OutgoingMail, rendered: ReturnType<typeof renderMail>): Promise<void> => {
    const fields = { template: mail.template, recipientDomain: recipientDomain(mail.to) };
    if (!transport) {
      logger.warn('mail not sent: no SMTP server configured (SMTP_URL)', fields);
      return;
    }
    try {
      const info = await pRetry(
        async () => {
          try {
            return await transport.sendMail({ from: options.from, to: mail.to, subject: rendered.subject, text: rendered.text, html: rendered.html });
          } catch (error) {
            if (isPermanent(error)) throw new AbortError(error as Error);
            throw error;
          }
        },
        { retries: options.retries ?? 4, minTimeout: 500, factor: 2 },
      );
      logger.info('mail sent', { ...fields, messageId: info.messageId });
    } catch (error) {
      logger.error('mail not delivered', { ...fields, reason: (error as Error).message });
    }
  };

  return {
    send(mail) {
      const rendered = renderMail(mail.template, mail.values);
      const delivery = deliver(mail, rendered).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    },
    async flush() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      await this.flush();
      transport?.close();
    },
  };
}
