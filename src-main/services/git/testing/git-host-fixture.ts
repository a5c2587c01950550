/**
 * A stand-in for the host, run as its own process by git-spawner.test.ts (`node --import tsx`):
 * starts a git that waits (a credential cache daemon) in a repository through the git spawner,
 * prints `{ helper, git }` pids as JSON once git runs, then waits to be killed.
 *
 * Usage: node --import tsx git-host-fixture.ts <repository> <socket path>
 *        node --import tsx git-host-fixture.ts <repository> --once
 * With --once it runs one quick git call, prints its exit code and then has nothing left to do.
 */
import { runGitBytes } from '../run-git';
import { gitSpawner } from '../git-spawner';

const [repository = '', socket = ''] = process.argv.slice(2);
if (!repository || !socket) throw new Error('usage: git-host-fixture.ts <repository> <socket path> | --once');
if (socket === '--once') {
  const result = await runGitBytes(repository, ['rev-parse', 'HEAD']);
  console.log(`exit code ${result.code}`);
} else waitForKill(socket);

function waitForKill(socket: string): void {
  let reported = false;
  void runGitBytes(repository, ['credential-cache--daemon', socket], {
    onStdout: () => {
      if (reported) return;
      reported = true;
      console.log(JSON.stringify({ helper: gitSpawner.pid, git: gitSpawner.runningGitPids()[0] }));
    },
  });
  // Kept alive until killed, whatever git does.
  setInterval(() => undefined, 60_000);
}
