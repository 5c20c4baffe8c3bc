// createRuntime(deps) -> { api, start, stop }: the one runtime both hosts build. It owns the data
// directory's database while it runs and publishes every change on one event stream.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from './lib/errors';
import { Redactor } from './lib/redact';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import type { HostKind, Notifier, PowerSource, SecretStore, Settings, WakeScheduler } from './ports';
import type { AppInfo, CallInput, CallName, CallOutput, PushMessage } from './api/contract';
import { createDispatcher } from './api/dispatch';
import { createHandlers, type Handlers } from './api/handlers';
import { createEventBus, type PushListener } from './events/bus';
import { openOwnedStore, openReaderConnection, type SynchronousMode } from './db/open';
import { beat, currentIdentity, releaseOwnership } from './db/ownership';
import { createStore } from './store';
import { expireDueApprovals } from './approvals/decide';
import { createScheduler, type Scheduler, type SchedulerStats } from './scheduler/scheduler';
import { createCheckpointer, type Checkpointer } from './db/checkpointer';
import { createWorker, type Worker, type WorkerStats } from './queue/worker';
import { createRunServices } from './pipeline/services';
import { createUsageMeter } from './cost/meter';
import { createNotificationCentre, type NotificationCentre } from './notify/centre';
import { databaseFacts } from './notify/facts';
import { createMcpManager, type McpManager } from './mcp/manager';
import type { ClientConfigDirs } from './api/handlers/mcp-import';
import { toolsWithMcp } from './mcp/lookup';
import { maskKnownSecrets } from './known-secrets';
import { createMaintenance, type Maintenance } from './maintenance/maintenance';
import { createStepProcessRecorder } from './pipeline/step-processes';
import { createWakePlanner, type WakePlanner } from './scheduler/wake-planner';
import { createTaskMemoryService } from './pipeline/task-memory';
import { createDeadlineWatch, mayMoveDeadlines, type DeadlineWatch } from './scheduler/deadline-watch';
import { createWorktreeRecorder } from './pipeline/agent-worktrees';

export interface RuntimeDeps {
  dataDir: string;
  clock: Clock;
  notifier: Notifier;
  secrets: SecretStore;
  settings: Settings;
  logger: Logger;
  hostKind: HostKind;
  version: string;
  /** A better-sqlite3 addon built for this process's runtime, when it is not the default one. */
  sqliteNativeBinding?: string;
  /** SQLite `synchronous`: NORMAL unless given (see db/open.ts for why). */
  sqliteSynchronous?: SynchronousMode;
  /**
   * The host ran `PRAGMA quick_check` on the database moments before, in this process: the open
   * does not read every page again (about 0.6 s at 100,000 runs, growing with the file).
   */
  databaseChecked?: boolean;
  /**
   * The host's own check of the database, still running (a worker's `PRAGMA quick_check`): start()
   * awaits it before anything is written, and fails with its error.
   */
  databaseHealth?: Promise<void>;
  /** Masks secret values wherever they would be written; the host shares it with its logger. */
  redactor?: Redactor;
  /** Called when another process took the data directory over; the host should quit. */
  onOwnershipLost?: () => void;
  /** Power and idle state for tasks with run conditions; without it no run waits for them. */
  power?: PowerSource;
  /** Where Claude Desktop's and Cursor's config files are, for mcp.importConfig; without it only pasted text and paths. */
  clientConfigDirs?: ClientConfigDirs;
  /** Wakes the computer for tasks that ask for it (wakeToRun); without it none is set. */
  wake?: WakeScheduler;
  /** Empties V8's young generation: the scheduler calls it just before a due instant (see its deps). */
  collectYoungGeneration?: () => void;
}

export interface RuntimeApi {
  /** Calls the API by name with unvalidated input: what transports use. */
  invoke(name: string, input: unknown): Promise<unknown>;
  /** Typed call, for hosts and tests. */
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  subscribe(listener: PushListener): () => void;
}

export interface Runtime {
  api: RuntimeApi;
  /** The OS says the machine woke from sleep: look for missed runs now. */
  systemResumed(): void;
  /** The OS is about to sleep: set the wake for the next wake-to-run task again, now. */
  systemSuspending(): Promise<void>;
  /** How often the scheduler woke and how many runs it queued, for the benchmark and diagnostics. */
  schedulerStats(): SchedulerStats;
  /** How many runs the worker started, finished and recovered, for the benchmark and diagnostics. */
  queueStats(): WorkerStats;
  /** Resolves when no run is executing (tests, benchmark). */
  queueIdle(): Promise<void>;
  /** Resolves when no WAL checkpoint is under way (tests). */
  checkpointIdle(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly dataDir: string;
}

export function createRuntime(deps: RuntimeDeps): Runtime {
  const { clock, logger } = deps;
  const redactor = deps.redactor ?? new Redactor();
  const me = currentIdentity(deps.hostKind);
  const bus = createEventBus((error) => logger.error('Push listener failed', { error: String(error) }));
  let db: Database | undefined;
  let handlers: Handlers | undefined;
  let scheduler: Scheduler | undefined;
  let worker: Worker | undefined;
  let unwakeWorker: (() => void) | undefined;
  let notifications: NotificationCentre | undefined;
  let unwatchRuns: (() => void) | undefined;
  let mcpServers: McpManager | undefined;
  let maintenance: Maintenance | undefined;
  let checkpointer: Checkpointer | undefined;
  let wakePlanner: WakePlanner | undefined;
  let unwatchWakes: (() => void) | undefined;
  let deadlines: DeadlineWatch | undefined;
  let unwatchDeadlines: (() => void) | undefined;

  const info = (): AppInfo => ({
    version: deps.version,
    host: deps.hostKind,
    dataDir: deps.dataDir,
    displayTimezone: deps.settings.get().displayTimezone,
  });

  const dispatcher = createDispatcher(() => {
    if (!handlers) throw new AppError('not_started', 'Ridgeline is not running yet; start the runtime first.');
    return handlers;
  }, logger);

  /** Runs on every scheduler wake: a runtime that lost its data directory must stop at once. */
  function keepOwnership(now: number): void {
    if (!db || beat(db, me, now)) return;
    logger.error('Another process took over the data directory; stopping', { dataDir: deps.dataDir });
    scheduler?.stop();
    void worker?.stop();
    deps.onOwnershipLost?.();
  }

  return {
    dataDir: deps.dataDir,
    systemResumed: () => {
      scheduler?.wake('resume');
      deadlines?.check();
      // Runs whose retry came due while the machine slept start now, not at the worker's next timer.
      worker?.wake();
    },
    systemSuspending: async () => wakePlanner?.refresh(true),
    schedulerStats: () => ({ ...(scheduler?.stats ?? { wakeups: 0, queued: 0 }) }),
    queueStats: () => ({ ...(worker?.stats ?? { wakeups: 0, started: 0, finished: 0, stuck: 0, recovered: 0 }) }),
    queueIdle: async () => worker?.idle(),
    checkpointIdle: async () => checkpointer?.idle(),
    api: {
      invoke: (name, input) => dispatcher.invoke(name, input),
      call: (name, input) => dispatcher.invoke(name, input) as Promise<CallOutput<typeof name>>,
      subscribe: (listener) => bus.subscribe(listener),
    },

    async start() {
      if (db) return;
      await deps.databaseHealth;
      const opened = openOwnedStore(deps.dataDir, me, clock.now(), deps.settings.get().displayTimezone, {
        ...(deps.sqliteNativeBinding ? { nativeBinding: deps.sqliteNativeBinding } : {}),
        ...(deps.sqliteSynchronous ? { synchronous: deps.sqliteSynchronous } : {}),
        checkHealth: deps.databaseChecked !== true && !deps.databaseHealth,
      });
      db = opened.db;
      // Before any step can run: a secret a step prints is masked even when nothing has read it yet.
      const unread = await maskKnownSecrets({ settings: deps.settings, secrets: deps.secrets, redactor });
      if (unread.length > 0) logger.warn('Some secrets could not be read to be masked', { problems: unread });
      const store = createStore(db, bus, () => clock.now(), redactor);
      // Every notification, from any part of the runtime, passes the centre: the task's policy and
      // the settings, quiet hours, bursts, and secret masking on its way out.
      const centre = createNotificationCentre({
        clock,
        settings: deps.settings,
        logger,
        redactor,
        notifier: deps.notifier,
        facts: databaseFacts(store),
      });
      notifications = centre;
      unwatchRuns = bus.subscribe((m) => centre.handle(m));
      const { notifier } = centre;
      const upkeep = createMaintenance({
        db,
        retention: store.retention,
        clock,
        logger,
        settings: deps.settings,
        dataDir: deps.dataDir,
      });
      maintenance = upkeep;
      const loop = createScheduler({
        store,
        clock,
        logger,
        notifier,
        settings: deps.settings,
        keepOwnership,
        // The scheduler wakes at least every 30 s: approvals past their expiry become rejections.
        onWake: (now) => {
          expireDueApprovals(store, now);
          // A daily backup and an hourly pruning of old finished runs, when due.
          upkeep.onWake(now);
        },
        onBurstDone: () => worker?.wake(),
        ...(deps.collectYoungGeneration ? { collectYoungGeneration: deps.collectYoungGeneration } : {}),
      });
      scheduler = loop;
      const walCheckpoints = createCheckpointer({
        db,
        clock,
        busy: (clearMs) => loop.busy(clearMs),
        // Renewing the ownership lease early is always true, and writes nothing once another
        // process has taken the data directory over.
        restartLog: () => store.write(() => beat(opened.db, me, clock.now())),
        openReader: () => openReaderConnection(opened.db.name, deps.sqliteNativeBinding),
      });
      checkpointer = walCheckpoints;
      store.onCommit(() => walCheckpoints.committed());
      // MCP servers start on first use; stop() ends their processes.
      const mcp = createMcpManager({
        settings: deps.settings,
        secrets: deps.secrets,
        redactor,
        logger,
        clientVersion: deps.version,
      });
      mcpServers = mcp;
      const tools = toolsWithMcp(mcp);
      const planner = deps.wake
        ? createWakePlanner({
            store,
            clock,
            logger,
            wake: deps.wake,
            displayTimezone: () => deps.settings.get().displayTimezone,
          })
        : undefined;
      wakePlanner = planner;
      const meterDeps = { store, clock, settings: deps.settings, notifier, dataDir: deps.dataDir };
      const runServices = createRunServices({
        settings: deps.settings,
        secrets: deps.secrets,
        notifier,
        redactor,
        findTool: tools.findTool,
        usageMeter: (run, task, projectId) => createUsageMeter(meterDeps, run, task, projectId),
        createTask: async (input) => {
          const task = await dispatcher.invoke('tasks.create', input);
          const created = task as { id: string; title: string };
          return { id: created.id, title: created.title };
        },
        processes: createStepProcessRecorder(store, clock),
        memory: createTaskMemoryService(store, clock),
        worktrees: createWorktreeRecorder(store, clock, join(deps.dataDir, 'worktrees')),
        approvedContexts: (runId, stepId) => store.permissionGrants.approvedContexts(runId, stepId),
      });
      handlers = createHandlers(
        {
          store,
          clock,
          settings: deps.settings,
          scheduleChanged: () => loop.wake('changed'),
          lookupTool: tools.lookupTool,
          findTool: tools.findTool,
          runServices,
          ...(planner ? { wakePlanner: planner } : {}),
        },
        info,
        {
          settings: deps.settings,
          secrets: deps.secrets,
          redactor,
          ...(deps.clientConfigDirs ? { clientConfigDirs: deps.clientConfigDirs } : {}),
          ...(deps.notifier.status ? { notifierStatus: () => deps.notifier.status!() } : {}),
          settingsChanged: (settings) => {
            bus.emit('settings:updated', { settings });
            // A provider or MCP server may now name a secret the environment already holds.
            void maskKnownSecrets({ settings: deps.settings, secrets: deps.secrets, redactor });
            // The display timezone and the concurrency limit are read on each wake: wake both now.
            loop.wake('changed');
            worker?.wake();
          },
        },
        mcp,
      );
      loop.start();
      if (planner) {
        // A fire moves the task's next run (schedule:fired), so the wake follows each run as well.
        unwatchWakes = bus.subscribe((m) => {
          if (m.event.startsWith('task:') || m.event === 'scheduler:updated' || m.event === 'schedule:fired') {
            void planner.refresh();
          }
        });
        void planner.refresh();
      }
      const watch = createDeadlineWatch({ store, clock, logger, notifier, settings: deps.settings });
      deadlines = watch;
      // A new or edited deadline, or a new at-risk lead time, moves the next notice.
      unwatchDeadlines = bus.subscribe((m) => {
        if (mayMoveDeadlines(m)) watch.check();
      });
      watch.start();
      // After the scheduler, so runs it caught up are queued before the worker's first lease.
      worker = createWorker({
        store,
        clock,
        logger,
        notifier,
        settings: deps.settings,
        owner: me.instanceId,
        services: runServices,
        ...(deps.power ? { power: deps.power } : {}),
        held: () => loop.firing(),
      });
      const queueWorker = worker;
      unwakeWorker = bus.subscribe((m) => {
        if (m.event === 'run:queued' || m.event === 'schedule:fired') queueWorker.wake();
      });
      queueWorker.start();
      logger.info('Runtime started', {
        dataDir: deps.dataDir,
        database: opened.file,
        migratedFrom: opened.migratedFrom,
      });
    },

    async stop() {
      scheduler?.stop();
      scheduler = undefined;
      // The wake set stays: the machine still wakes for the run, and the next start sets it again.
      unwatchWakes?.();
      await wakePlanner?.idle();
      wakePlanner = undefined;
      unwatchDeadlines?.();
      deadlines?.stop();
      deadlines = undefined;
      unwakeWorker?.();
      // Runs in flight are aborted and re-queued as interrupted before the database closes.
      await worker?.stop();
      worker = undefined;
      await maintenance?.stop();
      maintenance = undefined;
      // A checkpoint under way stops before its next step; its syncs end before the database closes.
      checkpointer?.stop();
      await checkpointer?.idle();
      checkpointer = undefined;
      await mcpServers?.close();
      mcpServers = undefined;
      unwatchRuns?.();
      notifications?.stop();
      notifications = undefined;
      if (!db) return;
      releaseOwnership(db, me);
      db.close();
      db = undefined;
      handlers = undefined;
      logger.info('Runtime stopped', { dataDir: deps.dataDir });
    },
  };
}

export type { PushMessage };
