import { DEVICE_PIN_LENGTH } from '@tuntas/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDevicePin, useRemoveDevicePin, useSetDevicePin } from '../../api/device-pin.js';
import { useMe } from '../../api/queries.js';
import { PinInput } from '../../components/PinInput.js';
import { useOnline } from '../../lib/use-online.js';

/** "PIN perangkat": set, change or remove the PIN that opens this device's work after a session ends offline. */
export function PinPanel() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const online = useOnline();
  const state = useDevicePin(me.id);
  const save = useSetDevicePin(me.id);
  const remove = useRemoveDevicePin(me.id);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const hintId = useId();
  const errorId = useId();
  const has = state.data === true;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setMismatch(pin !== confirm);
    if (pin !== confirm) return;
    save.mutate(pin, {
      onSuccess: (problem) => {
        if (problem) return;
        setPin('');
        setConfirm('');
        setDone('saved');
      },
    });
  };
  const problem = mismatch ? t('akun.pin.mismatch') : save.data ? t(`akun.pin.problems.${save.data}`) : null;

  return (
    <article aria-labelledby="pin-title">
      <h2 id="pin-title">{t('akun.pin.title')}</h2>
      <p>{t('akun.pin.intro')}</p>
      <p role="status">{has ? t('akun.pin.on') : t('akun.pin.off')}</p>
      {!online && <p className="notice">{t('akun.pin.onlineOnly')}</p>}
      <form onSubmit={submit} noValidate aria-label={t('akun.pin.title')}>
        <PinInput
          label={t('akun.pin.new')}
          name="pin"
          value={pin}
          onChange={setPin}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
        />
        <small id={hintId} className="hint">
          {t('akun.pin.hint')}
        </small>
        <PinInput
          label={t('akun.pin.confirm')}
          name="pin-confirm"
          value={confirm}
          onChange={setConfirm}
          aria-invalid={mismatch ? true : undefined}
        />
        {problem && (
          <p id={errorId} role="alert" className="error">
            {problem}
          </p>
        )}
        {done && (
          <p role="status" className="notice">
            {t(`akun.pin.${done}`)}
          </p>
        )}
        <div className="actions">
          <button
            type="submit"
            aria-busy={save.isPending}
            disabled={!online || save.isPending || pin.length !== DEVICE_PIN_LENGTH || confirm.length !== DEVICE_PIN_LENGTH}
          >
            {save.isPending ? t('akun.pin.saving') : has ? t('akun.pin.change') : t('akun.pin.set')}
          </button>
          {has && (
            <button
              type="button"
              className="secondary outline"
              disabled={remove.isPending}
              onClick={() => {
                setDone(null);
                remove.mutate(undefined, { onSuccess: () => setDone('removed') });
              }}
            >
              {t('akun.pin.remove')}
            </button>
          )}
        </div>
      </form>
    </article>
  );
}
