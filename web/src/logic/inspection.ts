import { numberProblem, parseDecimal } from './numbers';

/** SPEC §5: the utilities an inspection report records; '' is "not checked", not "no". */
export const UTILITIES = ['water', 'heating', 'sewage', 'electricity'] as const;
export type Utility = (typeof UTILITIES)[number];
export type YesNo = '' | 'yes' | 'no';

export interface ChildPlaces {
  bed: YesNo;
  study: YesNo;
}

export interface InspectionDraft {
  date: string;
  dwelling_type: string;
  ownership: string;
  rooms: string;
  area_m2: string;
  residents: string;
  utilities: Record<Utility, YesNo>;
  sanitary_state: string;
  food: string;
  children_clothing: string;
  /** SPEC §5: a bed and a place to study for each child, by person id. */
  children: Record<string, ChildPlaces>;
  sleeping_note: string;
  study_note: string;
  toys_books: string;
  hazards: string;
  conclusion: string;
}

export function emptyInspection(date: string): InspectionDraft {
  return {
    date,
    dwelling_type: '',
    ownership: '',
    rooms: '',
    area_m2: '',
    residents: '',
    utilities: { water: '', heating: '', sewage: '', electricity: '' },
    sanitary_state: '',
    food: '',
    children_clothing: '',
    children: {},
    sleeping_note: '',
    study_note: '',
    toys_books: '',
    hazards: '',
    conclusion: '',
  };
}

export type InspectionProblem = 'required' | 'notNumber' | 'notWhole' | 'outOfRange';
export type InspectionErrors = Partial<
  Record<
    'date' | 'dwelling_type' | 'rooms' | 'area_m2' | 'residents' | 'conclusion',
    InspectionProblem
  >
>;

/** The server's limits for the numbers (app/assessment_forms.cpp) and its two required texts. */
export function validateInspection(d: InspectionDraft): InspectionErrors {
  const errors: InspectionErrors = {};
  if (d.date === '') {
    errors.date = 'required';
  }
  if (d.dwelling_type.trim() === '') {
    errors.dwelling_type = 'required';
  }
  if (d.conclusion.trim() === '') {
    errors.conclusion = 'required';
  }
  const rooms = numberProblem(d.rooms, { min: 0, max: 100, whole: true });
  const area = numberProblem(d.area_m2, { min: 0, max: 10000 });
  const residents = numberProblem(d.residents, { min: 0, max: 100, whole: true });
  if (rooms) errors.rooms = rooms;
  if (area) errors.area_m2 = area;
  if (residents) errors.residents = residents;
  return errors;
}

export interface ChildName {
  id: string;
  name: string;
}

/**
 * One line per child ("Полина: да; Олег: нет"), then the worker's comment: the server keeps these
 * places as text, and the printed report shows the text as it is.
 */
export function placesText(
  children: ChildName[],
  answers: Record<string, ChildPlaces>,
  which: keyof ChildPlaces,
  note: string,
  words: { yes: string; no: string },
): string {
  const parts = children.flatMap((c) => {
    const answer = answers[c.id]?.[which] ?? '';
    return answer === '' ? [] : [`${c.name}: ${words[answer]}`];
  });
  const listed = parts.join('; ');
  const comment = note.trim();
  if (listed === '') {
    return comment;
  }
  return comment === '' ? listed : `${listed}. ${comment}`;
}

/** The `data` of a new inspection report (POST /cases/{id}/assessments, kind "inspection"). */
export function inspectionPayload(
  d: InspectionDraft,
  children: ChildName[],
  words: { yes: string; no: string },
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    dwelling_type: d.dwelling_type.trim(),
    conclusion: d.conclusion.trim(),
  };
  const numbers = { rooms: d.rooms, area_m2: d.area_m2, residents: d.residents };
  for (const [key, text] of Object.entries(numbers)) {
    const value = parseDecimal(text);
    if (value !== null && !Number.isNaN(value)) {
      data[key] = value;
    }
  }
  const utilities: Partial<Record<Utility, boolean>> = {};
  for (const u of UTILITIES) {
    if (d.utilities[u] !== '') {
      utilities[u] = d.utilities[u] === 'yes';
    }
  }
  if (Object.keys(utilities).length > 0) {
    data.utilities = utilities;
  }
  const texts: Record<string, string> = {
    ownership: d.ownership,
    sanitary_state: d.sanitary_state,
    food: d.food,
    children_clothing: d.children_clothing,
    sleeping_places: placesText(children, d.children, 'bed', d.sleeping_note, words),
    study_places: placesText(children, d.children, 'study', d.study_note, words),
    toys_books: d.toys_books,
    hazards: d.hazards,
  };
  for (const [key, text] of Object.entries(texts)) {
    if (text.trim() !== '') {
      data[key] = text.trim();
    }
  }
  return data;
}
