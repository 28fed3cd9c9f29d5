import { describe, expect, it } from 'vitest';
import {
  conflictMapPayload,
  draftMap,
  emptyConflictMap,
  intensityStroke,
  layoutConflict,
  readConflictMap,
  validateConflictMap,
  wrapWords,
  zigzagPath,
  type ConflictMapDraft,
} from './conflictMap';

const TODAY = '2026-12-05';
const filled: ConflictMapDraft = {
  date: TODAY,
  subject: 'Кто забирает детей из школы',
  parties: [
    { name: 'Мать', position: 'Работает до восьми' },
    { name: 'Бабушка', position: '' },
    { name: '', position: '' },
  ],
  intensity: 2,
};

describe('conflict map (SPEC §5: parties, subject, positions, intensity)', () => {
  it('asks for a subject, two parties and the intensity', () => {
    expect(validateConflictMap(emptyConflictMap(TODAY), TODAY)).toEqual({
      subject: 'required',
      intensity: 'required',
      parties: 'tooFew',
    });
    expect(validateConflictMap(filled, TODAY)).toEqual({});
  });

  it('refuses a position without its party, the same party twice, and a name over 200 bytes', () => {
    const draft = {
      ...filled,
      parties: [
        { name: 'Мать', position: '' },
        { name: ' мать ', position: '' },
        { name: '', position: 'Без стороны' },
        { name: 'я'.repeat(101), position: '' },
      ],
    };
    expect(validateConflictMap(draft, TODAY)).toEqual({
      'parties.1.name': 'duplicate',
      'parties.2.name': 'required',
      'parties.3.name': 'tooLong',
    });
  });

  it('sends the parties, a position for each party that has one, and reads it back', () => {
    const data = conflictMapPayload(filled);
    expect(data).toEqual({
      parties: ['Мать', 'Бабушка'],
      subject: 'Кто забирает детей из школы',
      positions: [{ party: 'Мать', position: 'Работает до восьми' }],
      intensity: 2,
    });
    expect(readConflictMap(data)).toEqual(draftMap(filled));
    expect(readConflictMap({ parties: 'x', positions: [7] })).toEqual({
      subject: '',
      parties: [],
      intensity: null,
    });
  });

  it('draws a sharper conflict with a heavier line, a zigzag when acute', () => {
    const widths = [0, 1, 2, 3].map((n) => intensityStroke(n).width);
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    expect(new Set(widths).size).toBe(4);
    expect(intensityStroke(0).dash).toBeDefined();
    expect(intensityStroke(3).zigzag).toBe(true);
    const path = zigzagPath(0, 0, 100, 0);
    expect(path.startsWith('M 0 0')).toBe(true);
    expect(path.endsWith('L 100 0')).toBe(true);
  });

  it('puts two parties either side of the subject: left and right when wide, above and below when tall', () => {
    const map = draftMap(filled);
    const wide = layoutConflict(map, 640, 460);
    expect(wide.parties.map((p) => Math.sign(p.x - wide.center.x))).toEqual([-1, 1]);
    const tall = layoutConflict(map, 360, 520);
    expect(tall.parties.map((p) => Math.sign(p.y - tall.center.y))).toEqual([-1, 1]);
    expect(tall.parties.map((p) => p.textBelow)).toEqual([false, true]);
  });

  it('wraps text into whole words and marks what it cut', () => {
    expect(wrapWords('Кто забирает детей из школы', 12, 3)).toEqual([
      'Кто забирает',
      'детей из',
      'школы',
    ]);
    expect(wrapWords('Кто забирает детей из школы', 12, 1)).toEqual(['Кто забирает…']);
    expect(wrapWords('Сверхдлинноеслово', 8, 2)).toEqual(['Сверхдл…']);
  });
});
