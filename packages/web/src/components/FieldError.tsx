/** The message beside a field, the target of the field's aria-describedby (see `useFormErrors`). */
export function FieldError({ name, message }: { name: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <small id={`${name}-error`} className="error">
      {message}
    </small>
  );
}

/**
 * The visible mark of a required field (drawn by CSS, see app.css): screen readers hear "required"
 * from the control itself, and the field's name stays its label's words.
 */
export function RequiredMark() {
  return <span className="required-mark" aria-hidden="true" />;
}
