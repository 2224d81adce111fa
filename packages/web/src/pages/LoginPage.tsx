import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useLogin } from '../api/auth-queries.js';
import { ApiError } from '../api/client.js';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; expired?: boolean };
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const login = useLogin();

  // A user whose password an admin set is shown the change-password screen by RequireSession first.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password }, { onSuccess: () => navigate(state.from && state.from !== '/masuk' ? state.from : '/', { replace: true }) });
  };
  const error = login.error instanceof ApiError ? login.error : null;
  const retryAfter = error?.code === 'LOGIN_THROTTLED' ? (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;

  return (
    <main className="login">
      <article>
        <header>
          <h1>{t('login.title')}</h1>
          <p>{t('app.tagline')}</p>
        </header>
        {state.expired && !error && (
          <p role="status" className="notice">
            {t('login.expired')}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <label>
            {t('login.username')}
            <input name="username" autoComplete="username" autoCapitalize="none" required value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label>
            {t('login.password')}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </label>
          {error && (
            <p id="login-error" role="alert" className="error">
              {retryAfter ? t('login.throttled', { seconds: retryAfter }) : error.message}
            </p>
          )}
          <button type="submit" aria-busy={login.isPending} disabled={login.isPending || !username || !password}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <footer>
          <small>{t('login.help')}</small>
        </footer>
      </article>
    </main>
  );
}
