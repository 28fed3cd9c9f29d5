import { memo, useState, type ReactNode } from 'react';

/** A section's content, drawn again by the page only while it is shown (its own data still updates it). */
const Content = memo(
  function Content({ draw }: { shown: boolean; draw: () => ReactNode }) {
    return draw();
  },
  (_, next) => !next.shown,
);

/**
 * The sections opened so far: the open one shown, the others kept drawn and hidden. A switch draws only a section
 * not opened before and never tears one down (issue 14: unmounting a section cost a phone more than drawing the
 * next), and a section keeps its scroll, its filters and its half-typed text.
 */
export function KeptSections<T extends string>({
  open,
  render,
}: {
  open: T;
  render: (section: T) => ReactNode;
}) {
  const [opened, setOpened] = useState<T[]>([open]);
  if (!opened.includes(open)) {
    setOpened([...opened, open]);
  }
  return opened.map((section) => (
    <div key={section} hidden={section !== open}>
      <Content shown={section === open} draw={() => render(section)} />
    </div>
  ));
}
