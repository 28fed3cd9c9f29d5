import classes from './PlainIcons.module.css';

/*
 * A few Tabler icons (@tabler/icons-react 3, MIT, the same paths) as constant elements: no component to call, and
 * the stroke from one CSS class instead of six attributes on every icon. The visit cards draw several each on a
 * phone, where the icons were half of the attributes set (issue 14). Decorative: hidden from screen readers.
 */

/** Tabler's paths as one path of several: stroked and not filled, it draws the same, with one element. */
function icon(size: number, paths: string[]) {
  return (
    <svg className={classes.icon} width={size} height={size} viewBox="0 0 24 24" aria-hidden>
      <path d={paths.join(' ')} />
    </svg>
  );
}

const PLUS = ['M12 5l0 14', 'M5 12l14 0'];
const CHECK = ['M5 12l5 5l10 -10'];
const PENCIL = ['M4 20h4l10.5 -10.5a2.828 2.828 0 1 0 -4 -4l-10.5 10.5v4', 'M13.5 6.5l4 4'];
const HISTORY = ['M12 8l0 4l2 2', 'M3.05 11a9 9 0 1 1 .5 4m-.5 5v-5h5'];
const ALERT_TRIANGLE = [
  'M12 9v4',
  'M10.363 3.591l-8.106 13.534a1.914 1.914 0 0 0 1.636 2.871h16.214a1.914 1.914 0 0 0 1.636 -2.87l-8.106 -13.536a1.914 1.914 0 0 0 -3.274 0',
  'M12 16h.01',
];

export const PLUS_16 = icon(16, PLUS);
export const CHECK_14 = icon(14, CHECK);
export const PENCIL_14 = icon(14, PENCIL);
export const HISTORY_14 = icon(14, HISTORY);
export const ALERT_TRIANGLE_12 = icon(12, ALERT_TRIANGLE);
