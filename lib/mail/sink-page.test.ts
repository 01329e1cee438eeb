import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import type { RunningServer } from '../http-server.js';
import { createMailer } from './mailer.js';
import { startMailSinkPage } from './sink-page.js';
import { startMailSink, type MailSink } from './sink.js';

describe('the mail sink page', () => {
  let sink: MailSink;
  let page: RunningServer;
  let base: string;
  beforeAll(async () => {
    sink = await startMailSink();
    page = await startMailSinkPage(sink, { port: 0, host: '127.0.0.1' });
    base = page.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await page.stop();
    await sink.stop();
  });

  it('lists caught mail newest first, escaped, with working links', async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: 'a@example.com', logger: createLogger('silent') });
    const values = { email: 'x@example.com', link: 'http://127.0.0.1:4000/account/verify-email?token=t1&x=1', expiresIn: '24 hours', expiresAt: 'tomorrow' };
    mailer.send({ to: 'first@example.com', template: 'verify-email', values: { ...values, name: 'First' } });
    await sink.waitFor((mail) => mail.to.includes('first@example.com'));
    mailer.send({ to: 'second@example.com', template: 'verify-email', values: { ...values, name: '<script>alert(1)</script>' } });
    await sink.waitFor((mail) => mail.to.includes('second@example.com'));
    await mailer.close();
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html.indexOf('second@example.com')).toBeLessThan(html.indexOf('first@example.com'));
    expect(html).toContain('<a href="http://127.0.0.1:4000/account/verify-email?token=t1&#38;x=1">');
    const json = (await (await fetch(`${base}/messages`)).json()) as { messages: { to: string[] }[] };
    expect(json.messages.map((mail) => mail.to[0])).toEqual(['first@example.com', 'second@example.com']);
  });

  it('answers only GET on its two paths', async () => {
    expect((await fetch(`${base}/`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });
});
