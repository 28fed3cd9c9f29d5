import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import cytoscape from 'cytoscape';
import { useTranslation } from 'react-i18next';
import { enumLabel, enumOptions, formatDate } from '../../components/labels';
import { isoDay } from '../../logic/dates';
import {
  addNode,
  addTie,
  ecomapLines,
  ecomapPayload,
  NODE_KINDS,
  readEcomap,
  TIE_STRENGTHS,
  TIE_SUPPORTS,
  toElements,
  validateEcomap,
  type Ecomap,
} from '../../logic/ecomap';
import { useAddAssessment, useAssessments } from '../../hooks/useAssessments';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-valign': 'bottom',
      'text-margin-y': 6,
      'font-size': 13,
      'text-wrap': 'wrap',
      'text-max-width': '110px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      width: 38,
      height: 38,
      'background-color': '#74c0fc',
      'border-width': 2,
      'border-color': '#1c7ed6',
    },
  },
  {
    selector: 'node.member',
    style: { shape: 'ellipse', 'background-color': '#ffd43b', 'border-color': '#f08c00' },
  },
  { selector: 'node.person', style: { shape: 'ellipse' } },
  {
    selector: 'node.organisation',
    style: { shape: 'round-rectangle', 'background-color': '#b2f2bb', 'border-color': '#2f9e44' },
  },
  { selector: 'edge', style: { width: 2, 'line-color': '#868e96', 'curve-style': 'bezier' } },
  { selector: 'edge.strong', style: { width: 6, 'line-color': '#2f9e44' } },
  { selector: 'edge.weak', style: { width: 2, 'line-style': 'dashed', 'line-color': '#868e96' } },
  {
    selector: 'edge.stressful',
    style: {
      width: 3,
      'line-color': '#e03131',
      'curve-style': 'segments',
      'segment-distances': [9, -9, 9, -9, 9, -9, 9, -9, 9],
      'segment-weights': [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
    },
  },
  {
    selector: 'edge.support-to',
    style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#495057' },
  },
  {
    selector: 'edge.support-from',
    style: { 'source-arrow-shape': 'triangle', 'source-arrow-color': '#495057' },
  },
  {
    selector: 'edge.support-both',
    style: {
      'target-arrow-shape': 'triangle',
      'source-arrow-shape': 'triangle',
      'target-arrow-color': '#495057',
      'source-arrow-color': '#495057',
    },
  },
];

/** SPEC §5: the newest ecomap as a graph, and a simple editor that saves a new ecomap assessment. */
export default function EcomapTab({
  caseId,
  canWrite,
  people,
}: {
  caseId: string;
  canWrite: boolean;
  /** The household's members, for nodes of kind `member`. */
  people: { id: string; name: string }[];
}) {
  const { t, i18n } = useTranslation();
  const list = useAssessments(caseId);
  if (!list.isSuccess) {
    return <QueryState query={list} size="sm" />;
  }
  const latest = list.data
    .filter((a) => a.kind === 'ecomap')
    .sort((a, b) => b.date.localeCompare(a.date) || b.created_at.localeCompare(a.created_at))[0];
  return (
    <Stack gap="sm">
      {latest ? (
        <Text size="sm">
          {t('case.ecomap.from', { date: formatDate(latest.date, i18n.language) })}
        </Text>
      ) : (
        <Text c="dimmed">{t('case.ecomap.empty')}</Text>
      )}
      <EcomapEditor
        key={latest?.id ?? 'none'}
        caseId={caseId}
        initial={readEcomap(latest?.data)}
        canWrite={canWrite}
        people={people}
      />
    </Stack>
  );
}

function EcomapEditor({
  caseId,
  initial,
  canWrite,
  people,
}: {
  caseId: string;
  initial: Ecomap;
  canWrite: boolean;
  people: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const [map, setMap] = useState(initial);
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<string>('organisation');
  const [personId, setPersonId] = useState('');
  const onMap = new Set(map.nodes.map((n) => n.person_id));
  const freeMembers = people.filter((p) => !onMap.has(p.id));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [strength, setStrength] = useState<string>('strong');
  const [support, setSupport] = useState<string>('to');
  const problems = validateEcomap(map);
  // The problems are of the whole map, listed together above the button.
  const form = useValidatedForm({ problems: { map: problems[0]?.kind }, message: String });
  const mutation = useAddAssessment(caseId, form.reset, 'case.ecomap.saved');
  const changed = JSON.stringify(map) !== JSON.stringify(initial);
  const nodeOptions = [
    { value: '', label: '—' },
    ...map.nodes.map((n) => ({ value: n.id, label: n.label })),
  ];

  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" p={0}>
        <EcomapGraph map={map} />
      </Paper>
      <EcomapText map={map} id="ecomap-text" />
      <Text size="xs" c="dimmed">
        {t('case.ecomap.legend')}
      </Text>
      {canWrite && (
        <>
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('case.ecomap.nodeKind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value)}
              data={enumOptions(t, 'nodeKinds', NODE_KINDS)}
            />
            {kind === 'member' ? (
              <NativeSelect
                label={t('case.ecomap.nodeLabel')}
                value={personId}
                onChange={(e) => setPersonId(e.currentTarget.value)}
                data={[
                  { value: '', label: '—' },
                  ...freeMembers.map((p) => ({ value: p.id, label: p.name })),
                ]}
              />
            ) : (
              <TextInput
                label={t('case.ecomap.nodeLabel')}
                value={label}
                onChange={(e) => setLabel(e.currentTarget.value)}
              />
            )}
            <Button
              variant="light"
              disabled={kind === 'member' ? personId === '' : label.trim() === ''}
              onClick={() => {
                if (kind === 'member') {
                  const person = people.find((p) => p.id === personId);
                  setMap(addNode(map, person?.name ?? '', 'member', personId));
                  setPersonId('');
                } else {
                  setMap(addNode(map, label, kind));
                  setLabel('');
                }
              }}
            >
              {t('case.ecomap.addNode')}
            </Button>
          </Group>
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('case.ecomap.tieFrom')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              data={nodeOptions}
            />
            <NativeSelect
              label={t('case.ecomap.tieTo')}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              data={nodeOptions}
            />
            <NativeSelect
              label={t('case.ecomap.strength')}
              value={strength}
              onChange={(e) => setStrength(e.currentTarget.value)}
              data={enumOptions(t, 'tieStrengths', TIE_STRENGTHS)}
            />
            <NativeSelect
              label={t('case.ecomap.support')}
              value={support}
              onChange={(e) => setSupport(e.currentTarget.value)}
              data={enumOptions(t, 'tieSupports', TIE_SUPPORTS)}
            />
            <Button
              variant="light"
              disabled={from === '' || to === '' || from === to}
              onClick={() => {
                setMap(addTie(map, { from, to, strength, support }));
                setFrom('');
                setTo('');
              }}
            >
              {t('case.ecomap.addTie')}
            </Button>
          </Group>
          {form.tried && form.invalid && (
            <Alert color="red">
              {[...new Set(problems.map((p) => t(`case.ecomap.problem.${p.kind}`)))].join('; ')}
            </Alert>
          )}
          <MutationError error={mutation.error} />
          <Group>
            <Button
              disabled={!changed}
              loading={mutation.isPending}
              onClick={form.submit(() =>
                mutation.mutate({ kind: 'ecomap', date: isoDay(), data: ecomapPayload(map) }),
              )}
            >
              {t('case.ecomap.save')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** The graph's text alternative: its parties and ties as lists, read out and shown under it. */
function EcomapText({ map, id }: { map: Ecomap; id: string }) {
  const { t } = useTranslation();
  const lines = ecomapLines(map, {
    kind: (k) => enumLabel(t, 'nodeKinds', k),
    strength: (s) => enumLabel(t, 'tieStrengths', s),
    support: (s) => enumLabel(t, 'tieSupports', s),
  });
  if (lines.parties.length === 0) {
    return null;
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" id={id} data-testid="ecomap-text">
      <div>
        <Text size="sm" fw={600} id={`${id}-parties`}>
          {t('ecomapText.parties', { count: lines.parties.length })}
        </Text>
        <List size="sm" aria-labelledby={`${id}-parties`}>
          {lines.parties.map((line, i) => (
            <List.Item key={i}>{line}</List.Item>
          ))}
        </List>
      </div>
      <div>
        <Text size="sm" fw={600} id={`${id}-ties`}>
          {t('ecomapText.ties', { count: lines.ties.length })}
        </Text>
        {lines.ties.length === 0 ? (
          <Text size="sm">{t('ecomapText.noTies')}</Text>
        ) : (
          <List size="sm" aria-labelledby={`${id}-ties`}>
            {lines.ties.map((line, i) => (
              <List.Item key={i}>{line}</List.Item>
            ))}
          </List>
        )}
      </div>
    </SimpleGrid>
  );
}

function EcomapGraph({ map }: { map: Ecomap }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const elements = useMemo(() => toElements(map), [map]);
  useEffect(() => {
    if (!ref.current) {
      return;
    }
    const cy = cytoscape({
      container: ref.current,
      elements,
      style: STYLE,
      // An ecomap: the family in the middle, everyone else on a ring around it.
      layout: {
        name: 'concentric',
        concentric: (node: cytoscape.NodeSingular) => (node.hasClass('member') ? 2 : 1),
        levelWidth: () => 1,
        minNodeSpacing: 120,
        animate: false,
        padding: 24,
      } as cytoscape.LayoutOptions,
      userZoomingEnabled: false,
      minZoom: 0.3,
      maxZoom: 1.6,
    });
    return () => cy.destroy();
  }, [elements]);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={t('case.ecomap.graph')}
      aria-describedby={map.nodes.length > 0 ? 'ecomap-text' : undefined}
      data-testid="ecomap-graph"
      style={{ width: '100%', height: 540 }}
    />
  );
}
