import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createMailer } from './mailer.js';
import { startMailSink, type MailSink } from './sink.js';

const VALUES = { name: 'Ada <Lovelace>', email: 'ada@example.com', link: 'http://127.0.0.1:4000/auth/verify-email?token=abc', expiresIn: '24 hours', expiresAt: '2026-12-02T00:00:00Z' };

describe('mailer and mail sink', () => {
  let sink: MailSink;
  beforeAll(async () => {
    sink = await startMailSink();
  });
  afterAll(() => sink.stop());

  it('delivers a rendered mail over SMTP, text and HTML, with its link', async () => {
    const lines: string[] = [];
    const mailer = createMailer({ smtpUrl: sink.url, from: 'Atrium <no-reply@example.com>', logger: createLogger('debug', {}, (line) => lines.push(line)) });
    mailer.send({ to: 'Ada@Example.com', template: 'verify-email', values: VALUES });
    const mail = await sink.waitFor((caught) => caught.to.includes('ada@example.com'));
    await mailer.close();
    expect(mail.subject).toBe('Verify your email address for Atrium');
    expect(mail.from).toBe('no-reply@example.com');
    expect(mail.links).toEqual([VALUES.link]);
    expect(mail.text).toContain('Hello Ada <Lovelace>,');
    expect(mail.html).toContain('Ada &#60;Lovelace&#62;');
    // The log says a mail went, never its link.
    expect(lines.join('\n')).toContain('"mail sent"');
    expect(lines.join('\n')).not.toContain('token=abc');
  });

  it('answers waitFor for a mail that arrives later, and times out naming what did arrive', async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: 'a@example.com', logger: createLogger('silent') });
    const waiting = sink.waitFor((caught) => caught.to.includes('later@example.com'));
    mailer.send({ to: 'later@example.com', template: 'verify-email', values: VALUES });
    await expect(waiting).resolves.toMatchObject({ to: ['later@example.com'] });
    await mailer.close();
    await expect(sink.waitFor((caught) => caught.to.includes('never@example.com'), 50)).rejects.toThrow(/no matching mail arrived within 50 ms/);
  });

  it('gives up on an unreachable server after its retries and logs it without the link', async () => {
    const refusing = await startMailSink();
    await refusing.stop();
    const lines: string[] = [];
    // Nothing listens on the stopped sink's port: a temporary failure, retried, then given up.
    const mailer = createMailer({ smtpUrl: refusing.url, from: 'a@example.com', logger: createLogger('debug', {}, (line) => lines.push(line)), retries: 1 });
    mailer.send({ to: 'x@example.com', template: 'verify-email', values: VALUES });
    await mailer.close();
    expect(lines.join('\n')).toContain('"mail not delivered"');
    expect(lines.join('\n')).not.toContain('token=abc');
  });

  it('without an SMTP server says so and sends nothing', async () => {
    const lines: string[] = [];
    const mailer = createMailer({ from: 'a@example.com', logger: createLogger('debug', {}, (line) => lines.push(line)) });
    mailer.send({ to: 'x@example.com', template: 'verify-email', values: VALUES });
    await mailer.close();
    expect(lines.join('\n')).toContain('no SMTP server configured');
  });
});
