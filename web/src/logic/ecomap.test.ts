import { describe, expect, it } from 'vitest';
import {
  addNode,
  ecomapLines,
  addTie,
  ecomapPayload,
  nextNodeId,
  readEcomap,
  toElements,
  validateEcomap,
  type Ecomap,
} from './ecomap';

const sample: Ecomap = {
  nodes: [
    { id: 'm1', label: 'Мама', kind: 'member', person_id: 'p1' },
    { id: 'school', label: 'Школа', kind: 'organisation' },
  ],
  ties: [{ from: 'm1', to: 'school', strength: 'stressful', support: 'none' }],
};

describe('ecomap', () => {
  it('reads stored data, dropping broken items and empty person ids', () => {
    const map = readEcomap({
      nodes: [{ id: 'a', label: 'A', kind: 'person', person_id: '' }, { label: 'no id' }, 7],
      ties: [
        { from: 'a', to: '' },
        { from: 'a', to: 'b', strength: 'weak' },
      ],
    });
    expect(map.nodes).toEqual([{ id: 'a', label: 'A', kind: 'person' }]);
    expect(map.ties).toEqual([{ from: 'a', to: 'b', strength: 'weak', support: 'none' }]);
    expect(readEcomap(undefined)).toEqual({ nodes: [], ties: [] });
  });

  it('builds Cytoscape elements with kind and strength classes, skipping dangling ties', () => {
    const elements = toElements(
      addTie(sample, { from: 'm1', to: 'ghost', strength: 'weak', support: 'to' }),
    );
    expect(elements.filter((e) => e.group === 'nodes').map((e) => e.classes)).toEqual([
      'member',
      'organisation',
    ]);
    const edges = elements.filter((e) => e.group === 'edges');
    expect(edges).toHaveLength(1);
    expect(edges[0]?.data).toMatchObject({ source: 'n:m1', target: 'n:school' });
    expect(edges[0]?.classes).toBe('stressful support-none');
  });

  it('validates like the server', () => {
    expect(validateEcomap(sample)).toEqual([]);
    expect(validateEcomap({ nodes: [], ties: [] })).toEqual([{ kind: 'empty' }]);
    const bad: Ecomap = {
      nodes: [...sample.nodes, { id: 'school', label: ' ', kind: 'organisation' }],
      ties: [
        ...sample.ties,
        { from: 'school', to: 'm1', strength: 'weak', support: 'to' },
        { from: 'm1', to: 'm1', strength: 'weak', support: 'to' },
        { from: 'm1', to: 'x', strength: 'weak', support: 'to' },
      ],
    };
    expect(validateEcomap(bad).map((p) => p.kind)).toEqual([
      'label_required',
      'duplicate_node',
      'duplicate_tie',
      'tie_to_itself',
      'unknown_node',
    ]);
  });

  it('adds nodes with fresh ids and keeps the payload clean', () => {
    const map = addNode(addNode(sample, '  Бабушка ', 'person'), 'Поликлиника', 'organisation');
    expect(map.nodes.map((n) => n.id)).toEqual(['m1', 'school', 'n3', 'n4']);
    expect(map.nodes[2]?.label).toBe('Бабушка');
    expect(addNode(sample, 'Папа', 'member', 'p2').nodes[2]).toEqual({
      id: 'n3',
      label: 'Папа',
      kind: 'member',
      person_id: 'p2',
    });
    expect(nextNodeId({ nodes: [{ id: 'n1', label: 'x', kind: 'person' }], ties: [] })).toBe('n2');
    expect(ecomapPayload(map).nodes[0]).toEqual(sample.nodes[0]);
    expect(ecomapPayload(map).nodes[2]).toEqual({ id: 'n3', label: 'Бабушка', kind: 'person' });
  });
});

// Issue 13 point 12: the canvas had no text alternative.
describe('ecomapLines', () => {
  it('lists every party with its kind and every tie with its strength and support', () => {
    const lines = ecomapLines(
      {
        nodes: [
          { id: 'n1', label: 'Смирнова Т. В.', kind: 'member' },
          { id: 'n2', label: 'Школа № 3', kind: 'organisation' },
        ],
        ties: [{ from: 'n1', to: 'n2', strength: 'stressful', support: 'none' }],
      },
      {
        kind: (k) => ({ member: 'Член семьи', organisation: 'Организация' })[k] ?? k,
        strength: (s) => (s === 'stressful' ? 'Напряжённая' : s),
        support: (s) => (s === 'none' ? 'Без помощи' : s),
      },
    );
    expect(lines.parties).toEqual(['Смирнова Т. В. (член семьи)', 'Школа № 3 (организация)']);
    expect(lines.ties).toEqual(['Смирнова Т. В. — Школа № 3: напряжённая, без помощи']);
  });
});
