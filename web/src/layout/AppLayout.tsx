import { useEffect, useState } from 'react';
import {
  ActionIcon,
  AppShell,
  Badge,
  Box,
  Burger,
  Button,
  Group,
  Modal,
  NavLink,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBell,
  IconBuildingCommunity,
  IconChartBar,
  IconChecklist,
  IconFileImport,
  IconFolders,
  IconFriends,
  IconGavel,
  IconHeartHandshake,
  IconHistory,
  IconLogout,
  IconMessagePlus,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { logout, type User } from '../api/auth';
import { isApiError } from '../api/client';
import { ME_QUERY_KEY, SIGN_IN_PATH, useMe, type SignInState } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SearchBox } from '../components/SearchBox';
import { roleLabel } from '../components/roleLabel';
import { clearAllDrafts } from '../hooks/useDraft';
import { navKeys } from '../logic/nav';
import { offlineDb } from '../offline/db';
import { clearFieldData } from '../offline/fieldStore';
import { FieldStatus, OfflineBanner } from '../offline/FieldStatus';
import { useFieldSync } from '../offline/useFieldSync';
import { useOutbox } from '../offline/hooks';
import { runOutbox } from '../offline/runtime';
import classes from './AppLayout.module.css';
import { useNarrowWidth } from '../hooks/useScreen';
import { notifyFailure } from '../components/notifyFailure';

const NAV_ITEMS = {
  worklist: { to: '/', labelKey: 'nav.worklist', icon: IconChecklist },
  dashboard: { to: '/dashboard', labelKey: 'nav.dashboard', icon: IconChartBar },
  wards: { to: '/my/wards', labelKey: 'nav.wards', icon: IconHeartHandshake },
  cases: { to: '/cases', labelKey: 'nav.cases', icon: IconFolders },
  council: { to: '/council', labelKey: 'nav.council', icon: IconGavel },
  intake: { to: '/intake', labelKey: 'nav.intake', icon: IconMessagePlus },
  signals: { to: '/signals', labelKey: 'nav.signals', icon: IconBell },
  volunteers: { to: '/volunteers', labelKey: 'nav.volunteers', icon: IconFriends },
  imports: { to: '/imports', labelKey: 'nav.imports', icon: IconFileImport },
  users: { to: '/admin/users', labelKey: 'nav.users', icon: IconUsers },
  units: { to: '/admin/units', labelKey: 'nav.units', icon: IconBuildingCommunity },
  audit: { to: '/audit', labelKey: 'nav.audit', icon: IconHistory },
  settings: { to: '/admin/settings', labelKey: 'nav.settings', icon: IconSettings },
} as const;

/** Roles that read family data and so find something with the quick search. */
const QUICK_SEARCH_ROLES = ['head', 'specialist', 'expert'];

function isActive(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

function UserSummary({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} align="flex-end" aria-label={t('shell.currentUser')} className={classes.user}>
      <Text size="sm" fw={600} lh={1.2} truncate="end" data-testid="current-user-name">
        {user.full_name}
      </Text>
      <Group gap={6} wrap="nowrap">
        <Badge size="sm" variant="light" tt="none" style={{ flexShrink: 0 }}>
          {roleLabel(user.role, t)}
        </Badge>
        {user.unit_name && (
          <Text size="xs" c="dimmed" lh={1.15} className={classes.unit}>
            {user.unit_name}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** Issue 14: the device's copy and the outbox follow the signed-in user. */
function FieldSync({ user }: { user: User }) {
  useFieldSync(user);
  return null;
}

/** Header + collapsible side bar around every signed-in page. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = useMe().data;
  // Off-canvas on a phone: a closed side bar must also leave the tab order.
  const isPhone = useNarrowWidth();
  const navHidden = isPhone && !navOpened;

  useEffect(() => {
    closeNav();
  }, [location.pathname, closeNav]);

  // Issue 14: signing out with items waiting asks first; the field data goes in any case.
  const waiting = useOutbox(user?.id).filter((i) => i.state === 'waiting').length;
  const [askSignOut, setAskSignOut] = useState(false);
  const [sendingFirst, setSendingFirst] = useState(false);
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: async (_data, error) => {
      if (error && !(isApiError(error) && error.status === 401)) {
        notifyFailure(t('shell.signOutFailed'), error, t);
        return;
      }
      clearAllDrafts();
      await clearFieldData(offlineDb()).catch(() => undefined);
      queryClient.removeQueries();
      queryClient.setQueryData(ME_QUERY_KEY, null);
      const state: SignInState = { signedOut: true };
      void navigate(SIGN_IN_PATH, { replace: true, state });
    },
  });

  if (!user) {
    return null;
  }
  const requestSignOut = () => {
    if (waiting > 0) {
      setAskSignOut(true);
    } else {
      signOut.mutate();
    }
  };
  const sendThenSignOut = async () => {
    setSendingFirst(true);
    try {
      await runOutbox(user.id, true);
    } finally {
      setSendingFirst(false);
    }
    const left = (await offlineDb().outbox.where('userId').equals(user.id).toArray()).filter(
      (i) => i.state === 'waiting',
    ).length;
    if (left === 0) {
      setAskSignOut(false);
      signOut.mutate();
    }
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <a href="#main" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group wrap="nowrap" gap="sm" miw={0}>
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.toggleNavigation')}
              aria-expanded={navOpened}
              aria-controls="main-navigation"
            />
            <Title order={1} size="h3" c="blue.8" className={classes.brand}>
              {t('app.name')}
            </Title>
          </Group>
          <Group wrap="nowrap" gap="md">
            {QUICK_SEARCH_ROLES.includes(user.role) && (
              <Box visibleFrom="sm">
                <SearchBox />
              </Box>
            )}
            <Box visibleFrom="sm" miw={0}>
              <UserSummary user={user} />
            </Box>
            <FieldStatus user={user} />
            <LanguageSwitch />
            <Button
              visibleFrom="sm"
              variant="subtle"
              color="gray"
              leftSection={<IconLogout size={18} aria-hidden />}
              onClick={requestSignOut}
              loading={signOut.isPending}
            >
              {t('shell.signOut')}
            </Button>
            <Tooltip label={t('shell.signOut')}>
              <ActionIcon
                hiddenFrom="sm"
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={t('shell.signOut')}
                onClick={requestSignOut}
                loading={signOut.isPending}
              >
                <IconLogout size={20} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="sm"
        id="main-navigation"
        aria-label={t('shell.mainNavigation')}
        inert={navHidden}
        className={navHidden ? classes.navHidden : undefined}
      >
        <AppShell.Section grow component="nav">
          {navKeys(user.role).map((key) => {
            const item = NAV_ITEMS[key];
            const active = isActive(item.to, location.pathname);
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.labelKey)}
                leftSection={<item.icon size={20} aria-hidden />}
                onClick={closeNav}
                active={active}
                aria-current={active ? 'page' : undefined}
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm" pt="sm" className={classes.navFooter}>
          <UserSummary user={user} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <OfflineBanner user={user} />
        <Outlet />
      </AppShell.Main>
      <FieldSync user={user} />
      <Modal
        opened={askSignOut}
        onClose={() => setAskSignOut(false)}
        title={t('offline.signOut.title')}
        centered
      >
        <Stack gap="md">
          <Text size="sm">{t('offline.signOut.text', { count: waiting })}</Text>
          <Text size="sm" c="dimmed">
            {t('offline.signOut.hint')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAskSignOut(false)}>
              {t('offline.signOut.cancel')}
            </Button>
            <Button
              variant="light"
              color="red"
              onClick={() => {
                setAskSignOut(false);
                signOut.mutate();
              }}
            >
              {t('offline.signOut.anyway')}
            </Button>
            <Button onClick={() => void sendThenSignOut()} loading={sendingFirst}>
              {t('offline.signOut.sendFirst')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </AppShell>
  );
}
