/** One run in a history strip: [run id, status, BeginTime ISO]. Tuples keep the page's JSON small. */
export type HistoryRun = [id: number, status: string, beginTime: string];

export type DashboardJob = {
  id: number;
  name: string;
  serverId: string;
  serverName: string;
  lastStatus: string | null;
  /** Monitoring state (new, up, late, overdue, failed, paused) when the job is monitored. */
  state: string | null;
  lastRunAt: string | null;
  nextDueAt: string | null;
  durationSeconds: number | null;
  examinedSize: number | null;
  storageUsed: number | null;
  versions: number | null;
  runCount: number;
  /** Oldest first. */
  history: HistoryRun[];
};

export type DashboardSummary = {
  servers: number;
  jobs: number;
  runs: number;
  failed: number;
  overdue: number;
  uploaded: number;
  storage: number;
  lastBackupAt: string | null;
};

export type DashboardData = {
  generatedAt: string;
  /** Changes whenever anything shown changes; the auto-refresh sends it back as If-None-Match. */
  version: string;
  summary: DashboardSummary;
  servers: { id: string; name: string }[];
  jobs: DashboardJob[];
};

/** What filtering and sorting read of a job: the dashboard island gets only these, not the history. */
export type JobFacts = Pick<DashboardJob, 'id' | 'name' | 'serverId' | 'serverName' | 'lastStatus' | 'state' | 'lastRunAt' | 'examinedSize'>;

/** What the dashboard island holds: enough to filter, sort and refresh; the tiles and jobs themselves are server HTML. */
export type DashboardState = Pick<DashboardData, 'generatedAt' | 'version' | 'servers'> & { facts: JobFacts[] };

/** GET /api/ui/dashboard/view: the state plus the tiles and the job views rendered on the server. */
export type DashboardView = DashboardState & { tilesHtml: string; jobsHtml: string };
