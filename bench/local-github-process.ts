/**
 * The local GitHub in a process of its own, for the CPU figures of bench/request-cpu.ts: its work
 * (git, JSON) then never counts as the handler's. `node bench/local-github-process.ts <dataDir>
 * <seedDir> <owner/name> <baseBranch>` prints one line of JSON (apiUrl, adminToken, repoPath) once
 * it listens, and stops on SIGTERM.
 */
import { startLocalGitHub } from '../packages/platform-portal/src/dev/local-github/server.ts';
import { PROJECT_SEED_PATHS } from '../packages/platform-portal/src/dev/local-github/seed.ts';

const [dataDir, seedFrom, repo, baseBranch] = process.argv.slice(2) as [string, string, string, string];
const server = await startLocalGitHub({ port: 0, repo, baseBranch, dataDir, seedFrom, seedPaths: PROJECT_SEED_PATHS, log: () => {} });
process.stdout.write(`${JSON.stringify({ apiUrl: server.apiUrl, adminToken: server.adminToken, repoPath: server.repoPath })}\n`);
process.once('SIGTERM', () => void server.close().finally(() => process.exit(0)));
