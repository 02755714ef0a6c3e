/**
 * The UI's one state store. It is fed by the station's event stream (snapshots, notifications, log lines) and by the
 * queries it makes; components read it and call its actions, never a transport.
 */
import { createStore } from 'zustand';
import type {
  CommandResult,
  FleetView,
  LogLine,
  MetricsPoint,
  OrderFileData,
  OrderHistory,
  OrderView,
  QueueTab,
  ListOrdersRequest,
  SettingsResponse,
  StationEvent,
  StationMethod,
  StationRequest,
  StationSnapshot,
} from '../../shared/stationApi';
import type { SettingsInput } from '../../shared/stationSettings';
import { NotificationGate, type DesktopNotification } from '../../shared/notificationRules';
import { orderOutcomeSaidIn, printerCommandOutcome } from '../../shared/operatorWords';
import type { LinkState, StationClient } from './client';
import { t } from './i18n';
import { localeStore, type LocaleStore } from './i18n/locale';
import { noticeWords, orderOutcomeWords, printerCommandWords } from './i18n/printerWords';
import { refusalShown } from './i18n/refusalWords';
import { doneShown } from './i18n/steerWords';
import { countsMoveTouchesTab, patchQueueRows } from './queueRows';

export type Screen = 'printers' | 'queue' | 'fleet' | 'metrics' | 'logs' | 'settings';
/** A page holds the first screen and the virtual list's overscan: a bigger first page only delays the first rows. */
export const PAGE_SIZE = 50;

export interface Toast {
  id: number;
  /** retrieval: an item waits in a tray (amber), told apart from an error (red). */
  tone: 'ok' | 'error' | 'info' | 'retrieval';
  text: string;
}

/** The queue's filters beyond tab and words (issue 11): a date range, a printer, a station, options. */
export type QueueFilters = Partial<Pick<ListOrdersRequest, 'from' | 'to' | 'printerId' | 'stationId' | 'paperSize' | 'color' | 'duplex'>>;

export interface QueueState {
  tab: QueueTab;
  search: string;
  filters: QueueFilters;
  total: number;
  /** Loaded pages by page number; rows of unloaded pages render as placeholders. */
  pages: Record<number, OrderView[]>;
  error?: string;
}

export interface State {
  link: LinkState;
  snapshot: StationSnapshot | null;
  settings: SettingsResponse | null;
  screen: Screen;
  operatorName: string;
  toasts: Toast[];
  queue: QueueState;
  selectedOrderId: string | null;
  orderHistory: OrderHistory | null;
  fleet: FleetView | null;
  metrics: MetricsPoint[] | null;
  metricsHours: number;
  logs: LogLine[];
  lastError?: string;
  /** The last station event that called for a person (notify.ts turns it into a sound and a browser notification). */
  lastNotice: { id: number; note: DesktopNotification } | null;
  /** The operator may turn the notification sound off (kept in localStorage). */
  soundOn: boolean;
}

/** Commands the UI gives, without the operator (the store adds who is at the station). */
type CommandMethod = Exclude<
  StationMethod,
  'snapshot' | 'listOrders' | 'orderHistory' | 'orderFile' | 'fleet' | 'metricsSeries' | 'recentLogs' | 'settings' | 'testMongoConnection'
>;
type WithoutOperator<M extends CommandMethod> = Omit<StationRequest<M>, 'operator'>;

export interface Actions {
  setScreen(screen: Screen): void;
  setOperatorName(name: string): void;
  dismissToast(id: number): void;
  setSound(on: boolean): void;
  /** A message from the station (an item to take out, a printer error) in the corner. */
  announce(tone: Toast['tone'], text: string): void;
  /** Runs a command as the current operator; shows the outcome as a toast and returns it. */
  command<M extends CommandMethod>(method: M, request: WithoutOperator<M>, pin?: string): Promise<CommandResult>;
  setQueueTab(tab: QueueTab): void;
  setQueueSearch(search: string): void;
  setQueueFilters(filters: QueueFilters): void;
  /** `again`: the page may have changed since an answer on its way was read (a refresh), so ask once more after it. */
  loadQueuePage(page: number, again?: boolean): Promise<void>;
  refreshQueue(): Promise<void>;
  openOrder(orderId: string | null): Promise<void>;
  loadOrderFile(orderId: string): Promise<OrderFileData>;
  /** One order, without opening its panel (the retrieval box shows what to take out). */
  lookUpOrder(orderId: string): Promise<OrderView | null>;
  loadFleet(): Promise<void>;
  loadMetrics(hours?: number): Promise<void>;
  loadLogs(): Promise<void>;
  loadSettings(): Promise<void>;
  saveSettings(settings: SettingsInput, pin?: string): Promise<CommandResult>;
  /** Needs the PIN once one is set (the station would otherwise be a probe for whoever reaches the console). */
  testMongoConnection(uri: string, dbName: string, pin?: string): ReturnType<StationClient['testMongoConnection']>;
}

export type Store = ReturnType<typeof createStationStore>;
const OPERATOR_KEY = 'printStation.operatorName';
const SOUND_KEY = 'printStation.sound';
const MAX_LOG_LINES = 5_000;

export function createStationStore(
  client: StationClient,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  languages: LocaleStore = localeStore,
) {
  let toastId = 0;
  const loadingPages = new Set<string>();
  /** Pages asked again while their answer was on its way: that answer may predate the change, so ask once more. */
  const askAgain = new Set<string>();

  const store = createStore<State & Actions>()((set, get) => {
    const toast = (tone: Toast['tone'], text: string) => {
      const id = ++toastId;
      set((s) => ({ toasts: [...s.toasts.slice(-4), { id, tone, text }] }));
      setTimeout(() => get().dismissToast(id), tone === 'error' ? 10_000 : 5_000);
    };
    const operator = (pin?: string) => ({
      name: get().operatorName.trim() || get().settings?.settings.operatorName || 'Operator',
      ...(pin ? { pin } : {}),
    });
    const queueKey = (q: QueueState, page: number) => `${q.tab}|${q.search}|${JSON.stringify(q.filters)}|${page}`;

    return {
      link: 'connecting',
      snapshot: null,
      settings: null,
      screen: 'printers',
      operatorName: storage.getItem(OPERATOR_KEY) ?? '',
      toasts: [],
      queue: { tab: 'pending', search: '', filters: {}, total: 0, pages: {} },
      selectedOrderId: null,
      orderHistory: null,
      fleet: null,
      metrics: null,
      metricsHours: 24,
      logs: [],
      lastNotice: null,
      soundOn: storage.getItem(SOUND_KEY) !== 'off',

      setSound(on) {
        storage.setItem(SOUND_KEY, on ? 'on' : 'off');
        set({ soundOn: on });
      },
      setScreen(screen) {
        set({ screen });
        if (screen === 'queue') void get().refreshQueue();
        if (screen === 'fleet') void get().loadFleet();
        if (screen === 'metrics') void get().loadMetrics();
        if (screen === 'logs') void get().loadLogs();
        if (screen === 'settings') void get().loadSettings();
      },
      setOperatorName(name) {
        storage.setItem(OPERATOR_KEY, name);
        set({ operatorName: name });
      },
      announce: (tone, text) => toast(tone, text),
      dismissToast(id) {
        set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
      },
      async command(method, request, pin) {
        let result: CommandResult;
        try {
          const call = client[method] as (r: unknown) => Promise<CommandResult>;
          result = await call({ ...request, operator: operator(pin) });
        } catch (error) {
          result = { ok: false, reason: (error as Error).message };
        }
        // A refusal in the operator's language when the station said it as data (`said`), else its reason as written.
        if (!result.ok) result = { ...result, reason: refusalShown(result) };
        const printerId = (request as { printerId?: string }).printerId;
        const printerName = get().snapshot?.printers.find((p) => p.printerId === printerId)?.name;
        const named = printerCommandOutcome(
          method,
          request as { printerId?: string; outcome?: string },
          printerName,
          printerCommandWords(),
        );
        // The station names an order's outcome in English: said again in the operator's language when it is one.
        const orderId = (request as { orderId?: string }).orderId;
        const said =
          result.ok && result.message && orderId ? orderOutcomeSaidIn(orderOutcomeWords(), method, orderId, result.message) : undefined;
        if (result.ok) toast('ok', said ?? doneShown(result) ?? named ?? t('toast.done'));
        else toast('error', result.reason);
        if (result.ok) {
          void get().refreshQueue();
          const selected = get().selectedOrderId;
          if (selected) void get().openOrder(selected);
        }
        return result;
      },
      setQueueTab(tab) {
        set((s) => ({ queue: { ...s.queue, tab, total: 0, pages: {} } }));
        void get().loadQueuePage(0);
      },
      setQueueSearch(search) {
        set((s) => ({ queue: { ...s.queue, search, total: 0, pages: {} } }));
        void get().loadQueuePage(0);
      },
      setQueueFilters(filters) {
        set((s) => ({ queue: { ...s.queue, filters, total: 0, pages: {} } }));
        void get().loadQueuePage(0);
      },
      async loadQueuePage(page, again = false) {
        const q = get().queue;
        const key = queueKey(q, page);
        if (loadingPages.has(key)) {
          if (again) askAgain.add(key);
          return;
        }
        loadingPages.add(key);
        try {
          const result = await client.listOrders({ ...q.filters, tab: q.tab, search: q.search || undefined, page, pageSize: PAGE_SIZE });
          const now = get().queue;
          if (queueKey(now, page) !== key) return; // the operator moved on
          set({ queue: { ...now, total: result.total, pages: { ...now.pages, [page]: result.orders }, error: undefined } });
        } catch (error) {
          set((s) => ({ queue: { ...s.queue, error: (error as Error).message } }));
        } finally {
          loadingPages.delete(key);
          if (askAgain.delete(key) && queueKey(get().queue, page) === key) void get().loadQueuePage(page);
        }
      },
      async refreshQueue() {
        const loaded = Object.keys(get().queue.pages).map(Number);
        await Promise.all((loaded.length ? loaded : [0]).map((p) => get().loadQueuePage(p, true)));
      },
      async openOrder(orderId) {
        set({ selectedOrderId: orderId, ...(orderId === get().orderHistory?.order?.orderId ? {} : { orderHistory: null }) });
        if (!orderId) return;
        try {
          const history = await client.orderHistory({ orderId });
          if (get().selectedOrderId === orderId) set({ orderHistory: history });
        } catch (error) {
          toast('error', (error as Error).message);
        }
      },
      loadOrderFile: (orderId) => client.orderFile({ orderId }),
      lookUpOrder: async (orderId) => (await client.orderHistory({ orderId })).order,
      async loadFleet() {
        try {
          set({ fleet: await client.fleet({}) });
        } catch (error) {
          set({ lastError: (error as Error).message });
        }
      },
      async loadMetrics(hours = get().metricsHours) {
        set({ metricsHours: hours });
        try {
          set({ metrics: (await client.metricsSeries({ hours })).points });
        } catch (error) {
          set({ lastError: (error as Error).message });
        }
      },
      async loadLogs() {
        try {
          set({ logs: await client.recentLogs({ limit: 1000 }) });
        } catch (error) {
          set({ lastError: (error as Error).message });
        }
      },
      async loadSettings() {
        try {
          const settings = await client.settings({});
          set({ settings });
          if (!get().operatorName && settings.settings.operatorName) set({ operatorName: settings.settings.operatorName });
        } catch (error) {
          set({ lastError: (error as Error).message });
        }
      },
      async saveSettings(settings, pin) {
        const result = await get().command('saveSettings', { settings }, pin);
        if (result.ok) await get().loadSettings();
        return result;
      },
      testMongoConnection: (uri, dbName, pin) => client.testMongoConnection({ uri, dbName, operator: operator(pin) }),
    };
  });

  // The event stream feeds the store.
  let lastCounts = '';
  let lastJobs = '';
  let queueRefresh: ReturnType<typeof setTimeout> | undefined;
  let refreshAgain = false;
  /** The station sends changed orders (orders_changed): rows need no reading of the whole tab to change. */
  let rowsLive = false;
  const refreshOpenQueue = () => {
    const { refreshQueue, openOrder, selectedOrderId } = store.getState();
    void refreshQueue();
    if (selectedOrderId) void openOrder(selectedOrderId); // its status and history may have moved too
    queueRefresh = setTimeout(() => {
      queueRefresh = undefined;
      if (refreshAgain) {
        refreshAgain = false;
        refreshOpenQueue();
      }
    }, 1_000);
  };
  /** The open queue read again now (true), or at the end of the second a read already began (false). */
  const rereadQueue = (): boolean => {
    if (queueRefresh) {
      refreshAgain = true;
      return false;
    }
    refreshOpenQueue();
    return true;
  };
  client.onPush((push) => {
    if (push.type === 'snapshot') {
      const before = store.getState().snapshot?.connection;
      const countsBefore = store.getState().snapshot?.counts;
      store.setState({ snapshot: push.snapshot });
      if (before === 'offline' && push.snapshot?.connection === 'online') store.getState().announce('ok', t('toast.dbBack'));
      // Counts moved: the open queue tab is stale. Refresh at once, then at most once a second (a move within
      // that second is refreshed at its end).
      const counts = JSON.stringify(push.snapshot?.counts ?? {});
      // Once the station sends changed rows, only a move that can change the tab's list reads it again.
      const { queue } = store.getState();
      const narrowed = queue.search !== '' || Object.keys(queue.filters).length > 0;
      const touches = !rowsLive || countsMoveTouchesTab(queue.tab, narrowed, countsBefore, push.snapshot?.counts);
      const reread = counts !== lastCounts && touches && store.getState().screen === 'queue' && rereadQueue();
      lastCounts = counts;
      // The open order can move without the counts moving as seen here (a station counts by the change feed's
      // moves, and a server may not report a claim): a printer taking it up or finishing it refreshes the panel.
      const jobs = JSON.stringify(
        (push.snapshot?.printers ?? []).map((p) => [p.printerId, p.state, p.currentJob?.orderId, p.awaitingOrderId]),
      );
      const { selectedOrderId, openOrder } = store.getState();
      // (A queue read just now opened it already.)
      if (jobs !== lastJobs && selectedOrderId && !reread) void openOrder(selectedOrderId);
      lastJobs = jobs;
    } else if (push.type === 'event') {
      onStationEvent(push.event);
    } else if (push.type === 'orders_changed') {
      rowsLive = true;
      const { queue, screen, selectedOrderId, openOrder } = store.getState();
      const patched = patchQueueRows(queue, push.orders);
      if (patched.queue !== queue) store.setState({ queue: patched.queue });
      const reread = (patched.stale || push.gap) && screen === 'queue' && rereadQueue();
      if (!reread && selectedOrderId && push.orders.some((o) => o.orderId === selectedOrderId)) void openOrder(selectedOrderId);
    } else if (push.type === 'settings_changed') {
      void store.getState().loadSettings();
    }
  });
  // The same words and the same "not again within five minutes" as the desktop notifications.
  const gate = new NotificationGate();
  const onStationEvent = (event: StationEvent) => {
    if (event.kind === 'log') {
      store.setState((s) => ({ logs: [...s.logs, event.line].slice(-MAX_LOG_LINES) }));
      return;
    }
    const note = gate.admit(event, noticeWords());
    if (!note) return;
    store.getState().announce(note.kind === 'retrieval' ? 'retrieval' : 'error', `${note.title}. ${note.body}`);
    store.setState((s) => ({ lastNotice: { id: (s.lastNotice?.id ?? 0) + 1, note } }));
  };
  // The operator's language to the station, so the desktop's own notifications speak it (issue 11). A station that
  // cannot keep it (an older one, the link down) changes nothing for the console: no toast.
  const tellLanguage = () => void client.setOperatorLanguage({ locale: languages.get() }).catch(() => {});
  languages.subscribe(tellLanguage);
  client.onLinkChange((link) => {
    store.setState({ link });
    if (link !== 'up') return;
    if (languages.picked()) tellLanguage();
    client.snapshot({}).then(
      (snapshot) => store.setState({ snapshot }),
      () => {},
    );
    void store.getState().loadSettings();
    const screen = store.getState().screen;
    if (screen !== 'printers') store.getState().setScreen(screen);
  });
  return store;
}
