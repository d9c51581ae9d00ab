// `npm run ucs-server [-- --port N] [--host H] [--user NAME:PASSWORD]...`
//
// Serves an empty in-memory Unified Contact Store until SIGINT or SIGTERM, then closes the server
// and exits 0. The port comes from --port, else the PORT environment variable, else 8080 (0 picks
// any free port); the URL and the process id are printed once the server listens.

import { startUcsServer, type UcsServerOptions } from './http';

export const DEFAULT_PORT = 8080;

const USAGE = 'usage: ucs-server [--port N] [--host ADDRESS] [--user NAME:PASSWORD]...';

export interface CliOptions {
  port: number;
  host: string;
  users: Record<string, string> | undefined;
}

function parsePort(text: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) > 65535) throw new Error(`invalid port '${text}'`);
  return Number(text);
}

/** Reads the command line and environment; throws with a message on bad input. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  let port: number | undefined;
  let host = '127.0.0.1';
  let users: Record<string, string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port':
        port = parsePort(value());
        break;
      case '--host':
        host = value();
        break;
      case '--user': {
        const spec = value();
        const colon = spec.indexOf(':');
        if (colon <= 0) throw new Error(`--user expects NAME:PASSWORD, got '${spec}'`);
        users ??= Object.create(null) as Record<string, string>;
        users[spec.slice(0, colon)] = spec.slice(colon + 1);
        break;
      }
      default:
        throw new Error(`unknown argument '${arg}'`);
    }
  }
  if (port === undefined) port = env['PORT'] !== undefined && env['PORT'] !== '' ? parsePort(env['PORT']) : DEFAULT_PORT;
  return { port, host, users };
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  let cli: CliOptions;
  try {
    cli = parseCli(argv, env);
  } catch (e) {
    process.stderr.write(`ucs-server: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const options: UcsServerOptions = { port: cli.port, host: cli.host };
  if (cli.users !== undefined) options.users = cli.users;
  const server = await startUcsServer(options);
  process.stdout.write(`UCS server listening on ${server.url} (pid ${process.pid})\n`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`ucs-server: ${signal}, closing\n`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`ucs-server: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).catch((e: unknown) => {
    process.stderr.write(`ucs-server: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
