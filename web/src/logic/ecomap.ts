/** The `data` of an `ecomap` assessment (SPEC §5) and its Cytoscape elements. */
export const NODE_KINDS = ['member', 'person', 'organisation'] as const;
export const TIE_STRENGTHS = ['strong', 'weak', 'stressful'] as const;
export const TIE_SUPPORTS = ['to', 'from', 'both', 'none'] as const;

export interface EcomapNode {
  id: string;
  label: string;
  kind: string;
  person_id?: string;
}

export interface EcomapTie {
  from: string;
  to: string;
  strength: string;
  support: string;
}

export interface Ecomap {
  nodes: EcomapNode[];
  ties: EcomapTie[];
}

export interface CyElement {
  group: 'nodes' | 'edges';
  data: Record<string, string>;
  classes?: string;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Reads stored data defensively: anything that is not a node or a tie is dropped. */
export function readEcomap(data: Record<string, unknown> | null | undefined): Ecomap {
  const nodes = Array.isArray(data?.nodes) ? (data.nodes as Record<string, unknown>[]) : [];
  const ties = Array.isArray(data?.ties) ? (data.ties as Record<string, unknown>[]) : [];
  return {
    nodes: nodes
      .filter((n) => str(n.id) !== '')
      .map((n) => ({
        id: str(n.id),
        label: str(n.label),
        kind: str(n.kind) || 'person',
        ...(str(n.person_id) ? { person_id: str(n.person_id) } : {}),
      })),
    ties: ties
      .filter((t) => str(t.from) !== '' && str(t.to) !== '')
      .map((t) => ({
        from: str(t.from),
        to: str(t.to),
        strength: str(t.strength) || 'weak',
        support: str(t.support) || 'none',
      })),
  };
}

/** Cytoscape elements: a node per node (class = kind), an edge per tie to a known node (class = strength). */
export function toElements(map: Ecomap): CyElement[] {
  const ids = new Set(map.nodes.map((n) => n.id));
  const nodes: CyElement[] = map.nodes.map((n) => ({
    group: 'nodes',
    data: { id: `n:${n.id}`, label: n.label },
    classes: n.kind,
  }));
  const edges: CyElement[] = map.ties
    .filter((t) => ids.has(t.from) && ids.has(t.to) && t.from !== t.to)
    .map((t, i) => ({
      group: 'edges',
      data: { id: `e:${i}`, source: `n:${t.from}`, target: `n:${t.to}` },
      classes: `${t.strength} support-${t.support}`,
    }));
  return [...nodes, ...edges];
}

export type EcomapProblem =
  | { kind: 'empty' }
  | { kind: 'label_required'; node: string }
  | { kind: 'duplicate_node'; node: string }
  | { kind: 'unknown_node'; tie: number }
  | { kind: 'tie_to_itself'; tie: number }
  | { kind: 'duplicate_tie'; tie: number };

/** What the server would reject (assessment_forms.cpp), found before sending. */
export function validateEcomap(map: Ecomap): EcomapProblem[] {
  const problems: EcomapProblem[] = [];
  if (map.nodes.length === 0) {
    problems.push({ kind: 'empty' });
  }
  const seen = new Set<string>();
  for (const n of map.nodes) {
    if (n.label.trim() === '') {
      problems.push({ kind: 'label_required', node: n.id });
    }
    if (seen.has(n.id)) {
      problems.push({ kind: 'duplicate_node', node: n.id });
    }
    seen.add(n.id);
  }
  const pairs = new Set<string>();
  map.ties.forEach((t, i) => {
    if (!seen.has(t.from) || !seen.has(t.to)) {
      problems.push({ kind: 'unknown_node', tie: i });
    } else if (t.from === t.to) {
      problems.push({ kind: 'tie_to_itself', tie: i });
    } else {
      const key = [t.from, t.to].sort().join('|');
      if (pairs.has(key)) {
        problems.push({ kind: 'duplicate_tie', tie: i });
      }
      pairs.add(key);
    }
  });
  return problems;
}

/** A fresh node id not used in `map`. */
export function nextNodeId(map: Ecomap): string {
  let i = map.nodes.length + 1;
  const ids = new Set(map.nodes.map((n) => n.id));
  while (ids.has(`n${i}`)) {
    i += 1;
  }
  return `n${i}`;
}

export function addNode(map: Ecomap, label: string, kind: string, personId?: string): Ecomap {
  const node: EcomapNode = { id: nextNodeId(map), label: label.trim(), kind };
  if (personId) {
    node.person_id = personId;
  }
  return { ...map, nodes: [...map.nodes, node] };
}

export function addTie(map: Ecomap, tie: EcomapTie): Ecomap {
  return { ...map, ties: [...map.ties, tie] };
}

/** The data to POST: node ids kept, empty person ids dropped. */
export function ecomapPayload(map: Ecomap): Ecomap {
  return {
    nodes: map.nodes.map((n) => ({
      id: n.id,
      label: n.label.trim(),
      kind: n.kind,
      ...(n.person_id ? { person_id: n.person_id } : {}),
    })),
    ties: map.ties.map((t) => ({ ...t })),
  };
}

/** The ecomap as text (its alternative for screen readers and for reading): one line per party and per tie. */
export function ecomapLines(
  map: Ecomap,
  names: {
    kind: (k: string) => string;
    strength: (s: string) => string;
    support: (s: string) => string;
  },
): { parties: string[]; ties: string[] } {
  const labelOf = new Map(map.nodes.map((n) => [n.id, n.label]));
  return {
    parties: map.nodes.map((n) => `${n.label} (${names.kind(n.kind).toLocaleLowerCase('ru')})`),
    ties: map.ties.map(
      (tie) =>
        `${labelOf.get(tie.from) ?? tie.from} — ${labelOf.get(tie.to) ?? tie.to}: ${names
          .strength(tie.strength)
          .toLocaleLowerCase('ru')}, ${names.support(tie.support).toLocaleLowerCase('ru')}`,
    ),
  };
}
