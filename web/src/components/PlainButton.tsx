import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Button, UnstyledButton } from '@mantine/core';
import classes from './PlainButton.module.css';

/**
 * Mantine's `Button` (size `sm`, filled in the primary colour or `variant="default"`) as a plain element with
 * Mantine's own classes: the same look, focus ring and press, without the component's work (about 1 ms a button on
 * a phone-class CPU, issue 14). No loading state and no other sizes or colours: use Mantine's `Button` for those.
 */
export function PlainButton({
  variant = 'filled',
  leftSection,
  children,
  className,
  type = 'button',
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & {
  variant?: 'filled' | 'default';
  leftSection?: ReactNode;
  children: ReactNode;
}) {
  const root = `mantine-focus-auto mantine-active ${Button.classes.root} ${UnstyledButton.classes.root} ${classes.root}`;
  return (
    <button
      type={type}
      className={className ? `${root} ${className}` : root}
      data-variant={variant}
      data-with-left-section={leftSection ? true : undefined}
      {...rest}
    >
      <span className={Button.classes.inner}>
        {leftSection && (
          <span className={Button.classes.section} data-position="left">
            {leftSection}
          </span>
        )}
        <span className={Button.classes.label}>{children}</span>
      </span>
    </button>
  );
}
