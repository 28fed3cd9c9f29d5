import { useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { hasErrors, type FieldProblem } from '../logic/forms';

/** The problem of each field of a form (a message key's last part); a missing entry: none. */
export type FieldProblems<F extends string, P = FieldProblem> = Partial<Record<F, P | undefined>>;

/**
 * The submit/validate plumbing every form shares. A field's own problem is shown once the field
 * was touched (`touch`, called from its onChange) or saving was tried; until then, and when the
 * field has none, the field error of the failed submission `serverError` (problem+json `errors`)
 * is shown at the field. `submit(save)` is the form's onSubmit: it marks the form tried and calls
 * `save` only when no field has a problem.
 */
export function useValidatedForm<F extends string, P = FieldProblem>({
  problems,
  message,
  serverError,
  triedBefore = false,
}: {
  problems: FieldProblems<F, P>;
  /** The text of `problem` at `field`, e.g. `t(\`validation.${problem}\`)`. */
  message: (problem: P, field: F) => string;
  /** The error of the last submission, if it failed. */
  serverError?: unknown;
  /** Saving was tried before this form was mounted (the pre-rendered sign-in form). */
  triedBefore?: boolean;
}) {
  const [tried, setTried] = useState(triedBefore);
  const [touched, setTouched] = useState<Partial<Record<F, boolean>>>({});
  const invalid = hasErrors(problems);
  return {
    /** Saving was tried (for a summary of problems above the button). */
    tried,
    /** Some field has a problem. */
    invalid,
    /** The message shown at `field`, or undefined. */
    fieldError: (field: F): string | undefined => {
      const problem = problems[field];
      if (problem !== undefined && (tried || touched[field] === true)) {
        return message(problem, field);
      }
      return isApiError(serverError) ? serverError.fieldMessage(field) : undefined;
    },
    /** Shows `field`'s problem before saving is tried. */
    touch: (field: F) => setTouched((s) => (s[field] ? s : { ...s, [field]: true })),
    submit:
      (save: () => void) =>
      (event?: FormEvent): void => {
        event?.preventDefault();
        setTried(true);
        if (!invalid) {
          save();
        }
      },
    /** Forgets the attempt and the touched fields (after a save that keeps the form open). */
    reset: () => {
      setTried(false);
      setTouched({});
    },
  };
}
