import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../api';
import { CONFIG } from '../config';
import { Notice } from '../components/states';
import { useSession } from '../session';

export function SignIn() {
  const { state, signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const message = state.status === 'signedOut' ? state.message : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (failure) {
      // A wrong email or password answers UNAUTHENTICATED, which elsewhere means a session ended.
      setError(failure instanceof ApiError && failure.code === 'UNAUTHENTICATED' ? 'Wrong email or password: check both and try again.' : describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <h1>Sign in to the Atrium console</h1>
      {message && <Notice>{message}</Notice>}
      <form onSubmit={(event) => void submit(event)} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        {error && (
          <p className="field-error" id="sign-in-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {CONFIG.oidcProviders.length > 0 && (
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
      )}
      <p className="hint">
        New here? Create an account with the <code>register</code> mutation in the <a href="/playground">playground</a>; forgot your password? Use <code>requestPasswordReset</code> there.
      </p>
    </main>
  );
}
