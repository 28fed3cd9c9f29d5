import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddAssessment } from './useAssessments';
import { useDraft } from './useDraft';
import { isChanged, useUnsavedGuard } from './useUnsavedGuard';
import type { FieldErrors } from '../logic/instruments';

/**
 * The plumbing every instrument's form shares: the typed draft (kept in sessionStorage under
 * `draftKey`, guarded by the GuardedModal around the form), its problems shown once saving was tried,
 * and the save itself, which clears the draft and calls `onDone`.
 */
export function useInstrumentForm<D extends { date: string }>({
  caseId,
  kind,
  draftKey,
  initial,
  validate,
  payload,
  onDone,
}: {
  caseId: string;
  kind: string;
  draftKey: string;
  initial: D;
  validate: (draft: D) => FieldErrors;
  payload: (draft: D) => unknown;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft, clearDraft] = useDraft<D>(draftKey, initial);
  useUnsavedGuard(isChanged(draft, initial), clearDraft);
  const [tried, setTried] = useState(false);
  const mutation = useAddAssessment(caseId, () => {
    clearDraft();
    onDone();
  });
  const errors = validate(draft);
  const invalid = Object.keys(errors).length > 0;
  return {
    draft,
    setDraft,
    set: (patch: Partial<D>) => setDraft((d) => ({ ...d, ...patch })),
    errors,
    tried,
    invalid,
    mutation,
    /** The message for the field at `path`, once saving was tried. */
    error: (path: string): string | undefined => {
      const problem = errors[path];
      return tried && problem ? t(`instruments.problem.${problem}`) : undefined;
    },
    onSubmit: (e: FormEvent) => {
      e.preventDefault();
      setTried(true);
      if (!invalid) {
        mutation.mutate({ kind, date: draft.date, data: payload(draft) });
      }
    },
  };
}
