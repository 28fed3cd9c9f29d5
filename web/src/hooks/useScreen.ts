import { useMediaQuery } from '@mantine/hooks';

// Read at once, not after a first draw at a laptop's width: a page that opens on a phone would draw
// its laptop layout first and then the phone's (issue 14: twice the main-thread work).
const AT_ONCE = { getInitialValueInEffect: false };

/** A phone's width (Mantine's `xs`): cards instead of tables, dialogs on the full screen. */
export function usePhoneWidth(): boolean {
  return useMediaQuery('(max-width: 36em)', undefined, AT_ONCE) ?? false;
}

/** Narrower than a tablet's (Mantine's `sm`): the side bar and the case's tabs fold away. */
export function useNarrowWidth(): boolean {
  return useMediaQuery('(max-width: 47.99em)', undefined, AT_ONCE) ?? false;
}
