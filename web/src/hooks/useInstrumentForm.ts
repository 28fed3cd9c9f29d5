import { useTranslation } from 'react-i18next';
import { useAddAssessment } from './useAssessments';
import { useDraft } from './useDraft';
import { isChanged, useUnsavedGuard } from './useUnsavedGuard';
import { useValidatedForm, type FieldProblems } from './useValidatedForm';
import type { FieldProblem } from '../logic/instruments';

/**
 * The plumbing every assessment's form shares: the typed draft (kept in sessionStorage under
 * `draftKey`, guarded by the GuardedModal around the form), its problems shown once saving was tried
 * (as `instruments.problem.<problem>` unless `message` words them), and the save itself, which
 * clears the draft and calls `onDone`.
 */
export function useInstrumentForm<D extends { date: string }, P = FieldProblem>({
  caseId,
  kind,
  draftKey,
  initial,
  validate,
  message,
  payload,
  onDone,
}: {
  caseId: string;
  kind: string;
  draftKey: string;
  initial: D;
  validate: (draft: D) => FieldProblems<string, P>;
  message?: (problem: P) => string;
  payload: (draft: D) => unknown;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft, clearDraft] = useDraft<D>(draftKey, initial);
  useUnsavedGuard(isChanged(draft, initial), clearDraft);
  const mutation = useAddAssessment(caseId, () => {
    clearDraft();
    onDone();
  });
  const errors = validate(draft);
  const form = useValidatedForm<string, P>({
    problems: errors,
    message: message ?? ((problem) => t(`instruments.problem.${problem as FieldProblem}`)),
  });
  return {
    draft,
    setDraft,
    set: (patch: Partial<D>) => setDraft((d) => ({ ...d, ...patch })),
    errors,
    tried: form.tried,
    invalid: form.invalid,
    mutation,
    /** The message for the field at `path`, once saving was tried. */
    error: form.fieldError,
    onSubmit: form.submit(() => mutation.mutate({ kind, date: draft.date, data: payload(draft) })),
  };
}
