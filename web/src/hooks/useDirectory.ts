import { useQuery } from '@tanstack/react-query';
import { useMe } from '../auth/session';

/**
 * A directory (colleagues, partner organisations) read once in five minutes. A list the user may not read is
 * empty, and volunteers read none: the names are a help, and the server has the final word.
 */
export function useDirectory<T>(key: string, read: (signal: AbortSignal) => Promise<T[]>) {
  const me = useMe().data;
  return useQuery({
    queryKey: [key],
    queryFn: async ({ signal }) => {
      try {
        return await read(signal);
      } catch {
        return [] as T[];
      }
    },
    enabled: !!me && me.role !== 'volunteer',
    staleTime: 5 * 60_000,
  });
}
