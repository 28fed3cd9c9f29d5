import { useTranslation } from 'react-i18next';
import type { MemberRef } from '../logic/instruments';

/** A person of the household by id, never the id itself (a member removed since is named as such). */
export function useMemberName(members: Pick<MemberRef, 'id' | 'name'>[]) {
  const { t } = useTranslation();
  return (id: string) => members.find((m) => m.id === id)?.name ?? t('instruments.formerMember');
}
