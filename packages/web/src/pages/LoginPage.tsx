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
  const [otp, setOtp] = useState('');
  // Asked for once the server answers that this account signs in with a second factor.
  const [askOtp, setAskOtp] = useState(false);

  const login = useLogin();

  // A user whose password an admin set is shown the change-password screen by RequireSession first.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { username, password, ...(askOtp && otp.trim() ? { otp: otp.trim() } : {}) },
      {
        onSuccess: () => navigate(state.from && state.from !== '/masuk' ? state.from : '/', { replace: true }),
        onError: (e) => {
          if (e instanceof ApiError && (e.code === 'OTP_REQUIRED' || e.code === 'OTP_INVALID')) {
            setAskOtp(true);
            setOtp('');
          }
        },
      },
    );
  };
  const error = login.error instanceof ApiError ? login.error : null;
  // The first "code required" is a step of signing in, not a mistake.
  const shownError = error?.code === 'OTP_REQUIRED' ? null : error;
  const retryAfter =
    error?.code === 'LOGIN_THROTTLED' ? (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;

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
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
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
              aria-invalid={shownError && shownError.code !== 'OTP_INVALID' ? true : undefined}
              aria-describedby={shownError ? 'login-error' : undefined}
            />
          </label>
          {askOtp && (
            <label>
              {t('akun.twoFactor.loginCode')}
              <input
                name="otp"
                autoComplete="one-time-code"
                autoCapitalize="none"
                autoFocus
                required
                maxLength={40}
                value={otp}
                onChange={(e) => setOtp(e.target.value)}
                aria-invalid={shownError?.code === 'OTP_INVALID' ? true : undefined}
                aria-describedby="login-otp-hint"
              />
              <small id="login-otp-hint">{t('akun.twoFactor.loginCodeHint')}</small>
            </label>
          )}
          {shownError && (
            <p id="login-error" role="alert" className="error">
              {retryAfter ? t('login.throttled', { seconds: retryAfter }) : shownError.message}
            </p>
          )}
          <button type="submit" aria-busy={login.isPending} disabled={login.isPending || !username || !password || (askOtp && !otp.trim())}>
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
