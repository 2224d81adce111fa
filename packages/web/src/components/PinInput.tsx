import type { InputHTMLAttributes } from 'react';
import { DEVICE_PIN_LENGTH } from '@tuntas/domain';

/** Six digits, hidden, with the phone's number pad; anything but digits is dropped as it is typed. */
export function PinInput({
  label,
  value,
  onChange,
  ...rest
}: { label: string; value: string; onChange: (pin: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>) {
  return (
    <label>
      {label}
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={DEVICE_PIN_LENGTH}
        required
        {...rest}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, DEVICE_PIN_LENGTH))}
      />
    </label>
  );
}
