import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/api-error';

interface Props {
  id: string;
  label: string;
  /** The API field this input feeds, whose 422 issue is shown under it. */
  field: string;
  error: ApiError | null;
  hint?: string;
  children: (aria: { 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ComponentChildren;
}

/** A labelled form field that shows the API's message for it and ties that message to the input. */
export function Field({ id, label, field, error, hint, children }: Props) {
  const issue = error?.fieldMessage(field);
  const described = [hint ? `${id}-hint` : '', issue ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children({
        ...(issue ? { 'aria-invalid': true } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {issue && (
        <p id={`${id}-error`} class="field-error">
          {issue}
        </p>
      )}
    </div>
  );
}
