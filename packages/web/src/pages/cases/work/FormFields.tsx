import type { FormField, FormSection } from '@tuntas/domain';
import { useTranslation } from 'react-i18next';
import { RequiredMark } from '../../../components/FieldError.js';

export type Answers = Record<string, unknown>;

/**
 * Draws a versioned form from its layout (the same data the server's JSON Schema comes from), so a
 * new form version needs no new screen. Bad fields named by the server are marked.
 */
function Field({
  field,
  value,
  onChange,
  invalid,
}: {
  field: FormField;
  value: unknown;
  onChange: (v: unknown) => void;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  const label = (
    <>
      {field.label}
      {field.required && <RequiredMark />}
    </>
  );
  const invalidMark = invalid ? { 'aria-invalid': true as const } : {};
  // aria-required, not required: an empty form still goes to the server, whose check names every
  // missing field at once (the browser's own would stop at the first). Not on a fieldset (a group
  // has no such state): its legend carries the mark.
  const aria = { ...invalidMark, ...(field.required ? { 'aria-required': true as const } : {}) };
  switch (field.widget) {
    case 'textarea':
      return (
        <label>
          {label}
          <textarea
            rows={2}
            maxLength={5000}
            value={(value as string) ?? ''}
            onChange={(e) => onChange(e.target.value || undefined)}
            {...aria}
          />
          {field.help && <small>{field.help}</small>}
        </label>
      );
    case 'select':
      return (
        <label>
          {label}
          <select value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || undefined)} {...aria}>
            <option value="">{t('kasus.common.choose')}</option>
            {field.options?.map(([code, text]) => (
              <option key={code} value={code}>
                {text}
              </option>
            ))}
          </select>
        </label>
      );
    case 'multiselect': {
      const chosen = new Set((value as string[]) ?? []);
      return (
        <fieldset {...invalidMark}>
          <legend>{label}</legend>
          {field.options?.map(([code, text]) => (
            <label key={code}>
              <input
                type="checkbox"
                checked={chosen.has(code)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(code);
                  else next.delete(code);
                  onChange(next.size ? [...next] : undefined);
                }}
              />
              {text}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'boolean':
      return (
        <fieldset {...invalidMark}>
          <legend>{label}</legend>
          {[true, false].map((v) => (
            <label key={String(v)}>
              <input type="radio" name={field.name} checked={value === v} onChange={() => onChange(v)} />
              {v ? t('kasus.common.yes') : t('kasus.common.no')}
            </label>
          ))}
        </fieldset>
      );
    case 'number':
      return (
        <label>
          {label}
          <input
            type="number"
            inputMode="numeric"
            min={field.min}
            max={field.max}
            value={value === undefined ? '' : String(value)}
            onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
            {...aria}
          />
        </label>
      );
    case 'date':
      return (
        <label>
          {label}
          <input type="date" value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || undefined)} {...aria} />
        </label>
      );
    default:
      return (
        <label>
          {label}
          <input maxLength={500} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || undefined)} {...aria} />
        </label>
      );
  }
}

export function FormSections({
  layout,
  answers,
  onChange,
  invalid,
}: {
  layout: readonly FormSection[];
  answers: Answers;
  onChange: (a: Answers) => void;
  invalid: ReadonlySet<string>;
}) {
  return (
    <>
      {layout.map((section) => (
        <fieldset key={section.kode} className="form-section">
          <legend>
            <strong>{section.judul}</strong>
          </legend>
          {section.fields.map((field) => (
            <Field
              key={field.name}
              field={field}
              value={answers[field.name]}
              invalid={invalid.has(field.name)}
              onChange={(v) => {
                const next = { ...answers };
                if (v === undefined) delete next[field.name];
                else next[field.name] = v;
                onChange(next);
              }}
            />
          ))}
        </fieldset>
      ))}
    </>
  );
}
