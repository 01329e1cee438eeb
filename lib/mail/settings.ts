// How identity sends mail and how long its mailed tokens live, apart from the code that
// uses them, so that the configuration (lib/config.ts) knows the defaults without loading
// identity. README "Accounts and sign-in" documents them.

export interface AccountSettings {
  /** Where links in mail point: the gateway's public address (PUBLIC_URL), no trailing slash. */
  readonly publicUrl: string;
  /** SMTP server mail goes through (SMTP_URL: smtp://user:pass@host:587, smtps://… for TLS); unset sends nothing and logs that it did not. */
  readonly smtpUrl?: string;
  /** The From of every mail (MAIL_FROM). */
  readonly mailFrom: string;
  /** True lets a user whose email is not verified create API keys (ACCOUNTS_ALLOW_UNVERIFIED_KEYS, for development). */
  readonly allowUnverifiedKeys: boolean;
  /** Lifetime of an email-verification link. */
  readonly verificationTtlHours: number;
  /** Lifetime of a password-reset link. */
  readonly passwordResetTtlMinutes: number;
  /** Lifetime of a mailed invitation (INVITATION_TTL_HOURS). */
  readonly invitationTtlHours: number;
}

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  publicUrl: 'http://127.0.0.1:4000',
  mailFrom: 'Atrium <no-reply@atrium.localhost>',
  allowUnverifiedKeys: false,
  verificationTtlHours: 24,
  passwordResetTtlMinutes: 60,
  invitationTtlHours: 7 * 24,
};
