import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHost } from './create-host';
import { createAccessToken } from './web-auth';
import { parseWebOptions } from './web-options';
import { startWebServer } from './web-server';
import { appVersion } from './app-version';

/** `npm run web`: the host in plain Node, serving the built renderer and the contract. */
async function main(): Promise<number> {
  const parsed = parseWebOptions(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(parsed.message);
    return 2;
  }
  const options = parsed.options;
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = options.rendererDir ?? join(here, '..', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`The renderer is not built (${rendererDir} has no index.html). Run \`npm run build\` first.`);
    return 1;
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

  const host = await createHost({
    dataDir: options.dataDir,
    worktreesRoot: options.worktreesRoot,
    mode: 'web',
    version: appVersion,
    production: process.env.NODE_ENV === 'production',
  });
  let server;
  try {
    server = await startWebServer({
      host,
      rendererDir,
      token: createAccessToken(),
      bindHost: options.bindHost,
      port: options.port,
      production: process.env.NODE_ENV === 'production',
      allowedHostNames: options.allowedHostNames,
    });
  } catch (error) {
    await host.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') console.error(`Port ${options.port} is already in use. Stop the other program or pass --port <n> (0 picks a free port).`);
    else if (code === 'EADDRNOTAVAIL') console.error(`Cannot bind to ${options.bindHost}: no such address on this machine.`);
    else console.error(`Could not start the web server: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (options.bindHost !== '127.0.0.1' && options.bindHost !== 'localhost' && options.bindHost !== '::1') {
    console.warn(`Warning: listening on ${options.bindHost}; anyone who can reach this address and has the link can use Braid.`);
  }
  console.log(`Braid is running in web mode. Data: ${options.dataDir}`);
  console.log(`Open ${server.url}`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await host.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Braid failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
