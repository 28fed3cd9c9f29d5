/** SPEC §10: the documents printed from a case record, in the order the case page offers them. */
export const PRINT_DOCUMENTS = [
  'agreement',
  'inspection',
  'family_card',
  'child_card',
  'conflict_map',
  'plan',
  'visit',
  'changes',
  'closure',
] as const;

export type PrintDocument = (typeof PRINT_DOCUMENTS)[number];

export function isPrintDocument(value: string): value is PrintDocument {
  return (PRINT_DOCUMENTS as readonly string[]).includes(value);
}

/** The address of a document's print view; `item` picks one visit or assessment. */
export function printPath(caseId: string, doc: PrintDocument, item?: string): string {
  const base = `/cases/${encodeURIComponent(caseId)}/print/${doc}`;
  if (!item) {
    return base;
  }
  const key = doc === 'visit' ? 'visit' : 'assessment';
  return `${base}?${key}=${encodeURIComponent(item)}`;
}
