// A local SMTP server that keeps what it receives instead of delivering it: `npm start`
// runs one when no SMTP_URL is set (and prints each message's links), and the tests read
// mail through one, over SMTP, as a user's mail client would. Built on smtp-server (the
// server half of nodemailer) and mailparser; loopback only, no authentication, in memory.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** Order of arrival, from 1. */
  readonly id: number;
  readonly receivedAt: Date;
  readonly from: string;
  /** Recipients as the SMTP envelope named them (lower-cased). */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Every http(s) link of the plain-text part, in order. */
  readonly links: readonly string[];
}

export interface MailSink {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  readonly url: string;
  readonly port: number;
  /** What arrived so far, oldest first (the last `keep` only). */
  messages(): readonly CaughtMail[];
  /** Resolves with the first message (already here or still to come) that matches; rejects after timeoutMs. */
  waitFor(match: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

export interface MailSinkOptions {
  readonly port?: number;
  readonly host?: string;
  /** How many messages to keep (oldest dropped first); default 200. */
  readonly keep?: number;
  /** Called with each message as it arrives. */
  readonly onMail?: (mail: CaughtMail) => void;
}

const LINK = /https?:\/\/[^\s<>"')]+/g;

export async function startMailSink(options: MailSinkOptions = {}): Promise<MailSink> {
  const keep = options.keep ?? 200;
  const caught: CaughtMail[] = [];
  const waiters = new Set<{ match: (mail: CaughtMail) => boolean; resolve: (mail: CaughtMail) => void }>();
  let nextId = 1;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // A mail is a few kilobytes; anything near this is not ours.
    size: 1024 * 1024,
    logger: false,
    banner: 'Atrium mail sink: nothing is delivered',
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? '';
          const mail: CaughtMail = {
            id: nextId++,
            receivedAt: new Date(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : '',
            links: [...text.matchAll(LINK)].map((match) => match[0]),
          };
          caught.push(mail);
          if (caught.length > keep) caught.shift();
          options.onMail?.(mail);
          for (const waiter of [...waiters]) {
            if (waiter.match(mail)) {
              waiters.delete(waiter);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A client that drops mid-message is its own problem, never the process's.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: () => [...caught],
    waitFor(match, timeoutMs = 10_000) {
      const found = caught.find(match);
      if (found) return Promise.resolve(found);
      return new Promise<CaughtMail>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (mail: CaughtMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail arrived within ${timeoutMs} ms (${caught.length} caught: ${caught.map((mail) => `"${mail.subject}" to ${mail.to.join(', ')}`).join('; ') || 'none'})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
