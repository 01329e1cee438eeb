// The signed-out console: sign in with email and password, create an account (`register`,
// then a word about the verification mail and on into the console), ask for a password-reset
// mail (`requestPasswordReset`, the same answer whether or not the account exists), or sign
// in with an OpenID provider (links to the gateway's /auth/oidc/<id>/start, which comes back
// to /console with the HttpOnly session cookie).
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, describeError, request } from '../api';
import { CONFIG } from '../config';
import { Notice } from '../components/states';
import { graphql } from '../gql';
import { useSession } from '../session';
import './sign-in/sign-in.css';

const RegisterDocument = graphql(`
  mutation SignInRegister($input: RegisterInput!) {
    register(input: $input) {
      token
      user {
        id
        name
        email
      }
    }
  }
`);

const RequestPasswordResetDocument = graphql(`
  mutation SignInRequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      email
    }
  }
`);

type Mode = 'signIn' | 'register' | 'forgot';

const HEADINGS: Record<Mode, string> = {
  signIn: 'Sign in to the Atrium console',
  register: 'Create an Atrium account',
  forgot: 'Reset your password',
};

const MIN_PASSWORD_LENGTH = 12;

/** The problems the API named per field (BAD_USER_INPUT's `fieldErrors`), by field. */
function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') return {};
  const fieldErrors = error.errors[0]?.extensions?.fieldErrors;
  if (!Array.isArray(fieldErrors)) return {};
  const byField: Record<string, string> = {};
  for (const entry of fieldErrors) {
    if (typeof entry === 'object' && entry !== null && 'field' in entry && 'reason' in entry) {
      const { field, reason } = entry as { field: unknown; reason: unknown };
      if (typeof field === 'string' && typeof reason === 'string') byField[field] = reason;
    }
  }
  return byField;
}

function Field({
  id,
  label,
  hint,
  error,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  type: string;
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  minLength?: number;
  maxLength?: number;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={id}
        type={input.type}
        autoComplete={input.autoComplete}
        required
        minLength={input.minLength}
        maxLength={input.maxLength}
        value={input.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => input.onChange(event.target.value)}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

function FormError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field-error" id={id} role="alert">
      {children}
    </p>
  );
}

function SignInForm({ email, setEmail }: { email: string; setEmail: (email: string) => void }) {
  const { signIn } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (failure) {
      // A wrong email or password answers UNAUTHENTICATED, which elsewhere means a session ended.
      setError(failure instanceof ApiError && failure.code === 'UNAUTHENTICATED' ? 'Wrong email or password: check both and try again.' : describeError(failure));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-describedby={error ? 'sign-in-error' : undefined}>
      <Field id="email" label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} />
      <Field id="password" label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} />
      {error && <FormError id="sign-in-error">{error}</FormError>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

interface Registered {
  readonly token: string;
  readonly name: string;
  readonly email: string;
}

function RegisterForm({ email, setEmail, onRegistered }: { email: string; setEmail: (email: string) => void; onRegistered: (registered: Registered) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const { register } = await request(RegisterDocument, { input: { name: name.trim(), email: email.trim(), password } }, { withoutWorkspace: true });
      onRegistered({ token: register.token, name: register.user.name, email: register.user.email });
    } catch (failure) {
      const byField = fieldErrorsOf(failure);
      setFieldErrors(byField);
      if (byField.email === 'cannot be used') {
        setError('This email cannot be used for a new account. If it is yours, sign in or reset your password.');
      } else if (Object.keys(byField).length > 0) {
        setError('Some fields need a change: see the notes under them.');
      } else {
        setError(describeError(failure));
      }
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-describedby={error ? 'register-error' : undefined}>
      <Field id="register-name" label="Name" type="text" autoComplete="name" maxLength={100} value={name} onChange={setName} error={fieldErrors.name && `Name ${fieldErrors.name}.`} />
      <Field id="register-email" label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} error={fieldErrors.email && `Email ${fieldErrors.email}.`} />
      <Field
        id="register-password"
        label="Password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        maxLength={1024}
        value={password}
        onChange={setPassword}
        error={fieldErrors.password && `Password ${fieldErrors.password}.`}
      />
      {error && <FormError id="register-error">{error}</FormError>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}

function Welcome({ registered }: { registered: Registered }) {
  const { signInWithToken } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function enter() {
    setBusy(true);
    setError(null);
    try {
      await signInWithToken(registered.token);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <>
      <Notice kind="success">
        <p>
          Welcome, {registered.name}. We sent a verification link to <strong>{registered.email}</strong>: open it to confirm your address. Until then you cannot create API keys or join workspaces you
          were invited to.
        </p>
      </Notice>
      {error !== null && <FormError id="welcome-error">{describeError(error)}</FormError>}
      <button type="button" className="primary" disabled={busy} onClick={() => void enter()}>
        {busy ? 'Opening the console…' : 'Continue to the console'}
      </button>
    </>
  );
}

function ForgotForm({ email, setEmail }: { email: string; setEmail: (email: string) => void }) {
  const [answeredFor, setAnsweredFor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAnsweredFor(null);
    try {
      const { requestPasswordReset } = await request(RequestPasswordResetDocument, { email: email.trim() }, { withoutWorkspace: true });
      setAnsweredFor(requestPasswordReset.email);
    } catch (failure) {
      const byField = fieldErrorsOf(failure);
      setError(byField.email ? `Email ${byField.email}.` : describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="hint">Enter the email you sign in with. We mail a link to set a new password; it works once, for an hour.</p>
      <form onSubmit={(event) => void submit(event)} aria-describedby={error ? 'forgot-error' : undefined}>
        <Field id="forgot-email" label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} />
        {error && <FormError id="forgot-error">{error}</FormError>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send reset link'}
        </button>
      </form>
      {answeredFor !== null && (
        <Notice kind="success">
          <p>
            If an account exists for <strong>{answeredFor}</strong>, a mail with a reset link is on its way. Check your inbox (and spam folder).
          </p>
        </Notice>
      )}
    </>
  );
}

function OidcProviders() {
  if (CONFIG.oidcProviders.length === 0) return null;
  return (
    <div className="oidc">
      <p>Or sign in with</p>
      <ul>
        {CONFIG.oidcProviders.map((provider) => (
          <li key={provider.id}>
            <a className="button" href={`/auth/oidc/${encodeURIComponent(provider.id)}/start?returnTo=${encodeURIComponent('/console/')}`}>
              {provider.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SignIn() {
  const { state } = useSession();
  const [mode, setMode] = useState<Mode>('signIn');
  const [email, setEmail] = useState('');
  const [registered, setRegistered] = useState<Registered | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const switched = useRef(false);
  const message = state.status === 'signedOut' ? state.message : undefined;

  // After switching between signing in, registering and resetting, the heading says where you are.
  useEffect(() => {
    if (switched.current) heading.current?.focus();
  }, [mode, registered]);

  function show(next: Mode) {
    switched.current = true;
    setRegistered(null);
    setMode(next);
  }

  return (
    <main className="sign-in" id="main">
      <h1 ref={heading} tabIndex={-1}>
        {registered ? 'Your account is ready' : HEADINGS[mode]}
      </h1>
      {mode === 'signIn' && message && <Notice>{message}</Notice>}
      {registered ? (
        <Welcome registered={registered} />
      ) : mode === 'register' ? (
        <RegisterForm
          email={email}
          setEmail={setEmail}
          onRegistered={(account) => {
            switched.current = true;
            setRegistered(account);
          }}
        />
      ) : mode === 'forgot' ? (
        <ForgotForm email={email} setEmail={setEmail} />
      ) : (
        <SignInForm email={email} setEmail={setEmail} />
      )}
      {!registered && mode === 'signIn' && <OidcProviders />}
      {!registered && (
        <ul className="sign-in-links">
          {mode !== 'signIn' && (
            <li>
              <button type="button" className="link" onClick={() => show('signIn')}>
                Back to sign in
              </button>
            </li>
          )}
          {mode !== 'register' && (
            <li>
              New here?{' '}
              <button type="button" className="link" onClick={() => show('register')}>
                Create an account
              </button>
            </li>
          )}
          {mode !== 'forgot' && (
            <li>
              <button type="button" className="link" onClick={() => show('forgot')}>
                Forgot your password?
              </button>
            </li>
          )}
        </ul>
      )}
    </main>
  );
}
