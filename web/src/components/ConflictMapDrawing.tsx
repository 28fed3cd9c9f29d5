import { useId } from 'react';
import { Stack, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  intensityStroke,
  layoutConflict,
  wrapWords,
  zigzagPath,
  type ConflictMap,
} from '../logic/conflictMap';

const NODE = 22;
/** A wide picture for a page or a desktop; a tall one where the space is narrower than this. */
const NARROW = 480;
const WIDE = { width: 640, height: 460, box: 230, subject: 22, name: 20, position: 26 };
const TALL = { width: 360, height: 520, box: 200, subject: 19, name: 18, position: 22 };

/**
 * SPEC §5: the conflict map drawn — the subject in the middle, each party a node around it, a line from
 * each party to the subject whose weight and style show the intensity, each party's position under its
 * name. Plain SVG, so it prints as it is shown. `describedBy` names the text alternative (ConflictMapText).
 */
export function ConflictMapDrawing({
  map,
  describedBy,
}: {
  map: ConflictMap;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const { ref, width: space } = useElementSize();
  const size = space > 0 && space < NARROW ? TALL : WIDE;
  const { center, parties } = layoutConflict(map, size.width, size.height);
  const stroke = intensityStroke(map.intensity);
  const subject = wrapWords(map.subject || '?', size.subject, 3);
  const boxHeight = 20 + subject.length * 18;
  return (
    <div ref={ref}>
      <svg
        viewBox={`0 0 ${size.width} ${size.height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        data-testid="conflict-drawing"
        style={{ display: 'block', maxWidth: size.width * 1.2, margin: '0 auto' }}
        fontFamily="inherit"
      >
        <title id={titleId}>{t('instruments.conflict.drawing', { subject: map.subject })}</title>
        {parties.map((p, i) =>
          stroke.zigzag ? (
            <path
              key={`line-${i}`}
              d={zigzag(p.x, p.y, center.x, center.y)}
              fill="none"
              stroke={stroke.color}
              strokeWidth={stroke.width}
              strokeLinejoin="round"
            />
          ) : (
            <line
              key={`line-${i}`}
              x1={p.x}
              y1={p.y}
              x2={center.x}
              y2={center.y}
              stroke={stroke.color}
              strokeWidth={stroke.width}
              strokeDasharray={stroke.dash}
              strokeLinecap="round"
            />
          ),
        )}
        <rect
          x={center.x - size.box / 2}
          y={center.y - boxHeight / 2}
          width={size.box}
          height={boxHeight}
          rx={10}
          fill="#fff4e6"
          stroke="#d9480f"
          strokeWidth={2}
        />
        <text textAnchor="middle" fontSize={15} fontWeight={600} fill="#212529">
          {subject.map((line, i) => (
            <tspan key={i} x={center.x} y={center.y - boxHeight / 2 + 24 + i * 18}>
              {line}
            </tspan>
          ))}
        </text>
        {parties.map((p, i) => {
          const name = wrapWords(p.name, size.name, 2);
          const position = p.position ? wrapWords(p.position, size.position, 2) : [];
          const lines = [...name, ...position];
          // Text goes away from the middle: below a node in the lower half, above it in the upper half.
          const first = p.textBelow ? p.y + NODE + 18 : p.y - NODE - 8 - (lines.length - 1) * 17;
          return (
            <g key={`party-${i}`}>
              <circle cx={p.x} cy={p.y} r={NODE} fill="#d0ebff" stroke="#1864ab" strokeWidth={2} />
              <text
                x={p.x}
                y={p.y + 6}
                textAnchor="middle"
                fontSize={17}
                fontWeight={700}
                fill="#1864ab"
              >
                {i + 1}
              </text>
              <text textAnchor="middle" fontSize={16} fill="#212529">
                {lines.map((line, j) => (
                  <tspan
                    key={j}
                    x={p.x}
                    y={first + j * 17}
                    fontWeight={j < name.length ? 600 : 400}
                    fontStyle={j < name.length ? undefined : 'italic'}
                    fontSize={j < name.length ? 16 : 14}
                  >
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function zigzag(x1: number, y1: number, x2: number, y2: number): string {
  // Stop short of the node so the zigzag does not run over it.
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const f = NODE / length;
  return zigzagPath(x1 + (x2 - x1) * f, y1 + (y2 - y1) * f, x2, y2);
}

/**
 * The map as text (its alternative for a screen reader, and for reading whole positions the drawing
 * cuts): the subject, the intensity, a table of parties and positions. `print` gives plain elements
 * for the printed sheet.
 */
export function ConflictMapText({ map, id }: { map: ConflictMap; id?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} id={id} data-testid="conflict-text">
      <Text size="sm">
        <strong>{t('instruments.conflict.subject')}:</strong> {map.subject}
      </Text>
      <Text size="sm">
        {t('instruments.conflict.intensityLine', {
          value:
            map.intensity === null
              ? '—'
              : t(`instruments.conflict.intensities.${map.intensity}` as never),
        })}
      </Text>
      <Table withTableBorder withColumnBorders captionSide="top" fz="sm">
        <Table.Caption style={{ textAlign: 'left' }}>
          {t('instruments.conflict.text')}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={40}>
              №
            </Table.Th>
            <Table.Th scope="col">{t('instruments.conflict.partyColumn')}</Table.Th>
            <Table.Th scope="col">{t('instruments.conflict.positionColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {map.parties.map((p, i) => (
            <Table.Tr key={i}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Th scope="row">{p.name}</Table.Th>
              <Table.Td>{p.position || t('instruments.conflict.noPosition')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
