import { describe, expect, it } from 'vitest';
import { MAIL_TEMPLATES, describeDuration, renderMail, templatePlaceholders } from './templates.js';

describe('mail templates', () => {
  it.each(MAIL_TEMPLATES)('%s names the product, an action link and its expiry, in text and HTML', (template) => {
    const placeholders = templatePlaceholders(template);
    expect(placeholders).toContain('link');
    expect(placeholders).toContain('expiresIn');
    const values = Object.fromEntries(placeholders.map((name) => [name, `<${name}-value>`]));
    const mail = renderMail(template, values);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Atrium');
    }
    expect(mail.subject).toMatch(/Atrium/);
    expect(mail.text).toContain('<link-value>');
    expect(mail.text).toContain('<expiresIn-value>');
    // HTML carries values escaped, never as markup.
    expect(mail.html).toContain('&#60;link-value&#62;');
    expect(mail.html).not.toContain('<link-value>');
    expect(mail.text).not.toMatch(/\{\{/);
    expect(mail.html).not.toMatch(/\{\{/);
  });

  it('refuses to render with a value missing', () => {
    expect(() => renderMail('verify-email', { name: 'A' })).toThrow(/needs a value for \{\{/);
  });

  it('keeps a subject on one line whatever a value holds', () => {
    const values = Object.fromEntries(templatePlaceholders('verify-email').map((name) => [name, 'x\r\nBcc: someone@example.com']));
    expect(renderMail('verify-email', values).subject).not.toMatch(/[\r\n]/);
  });

  it('says durations the way a person would', () => {
    expect(describeDuration(24 * 3_600_000)).toBe('1 day');
    expect(describeDuration(7 * 24 * 3_600_000)).toBe('7 days');
    expect(describeDuration(3_600_000)).toBe('1 hour');
    expect(describeDuration(30 * 60_000)).toBe('30 minutes');
  });
});
