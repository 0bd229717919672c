#!/usr/bin/env node
/**
 * `platform-portal`: the portal's command line. Each command runs in the current folder, the site.
 */
import { readFileSync } from 'node:fs';
import { PortalConfigError } from '../config/index.ts';
import { accessExpire, ACCESS_EXPIRE_HELP } from './access-expire.ts';
import { check, CHECK_HELP } from './check.ts';
import { codeowners, CODEOWNERS_HELP } from './codeowners.ts';
import { init, INIT_HELP } from './init.ts';
import { localGitHub, LOCAL_GITHUB_HELP } from './local-github.ts';
import { currentSite } from './site.ts';
import { start, START_HELP } from './start.ts';
import { usageExport, USAGE_EXPORT_HELP } from './usage-export.ts';

const HELP = `Usage: platform-portal <command> [options]

Commands:
  init <dir>      write a new portal site into <dir> (asks for its name and repository)
  start           build the site and serve it with its functions, against a local GitHub
  check           check the content and the configuration, without building the site
  codeowners      write the tenants' owners into CODEOWNERS (--check: only say if it is out of date)
  local-github    start only the local GitHub
  usage export    write content/usage/ from Prometheus, optionally as a pull request
  access expire   remove expired access grants from content/access/, optionally as a pull request

Run "platform-portal <command> --help" for a command's options.`;

interface Command {
  help: string;
  /** Resolves to the exit code, or never for a server that runs until stopped. */
  run(argv: string[]): Promise<number | void>;
}

const COMMANDS: Record<string, Command> = {
  init: { help: INIT_HELP, run: (argv) => init(argv) },
  start: { help: START_HELP, run: (argv) => start(argv, currentSite()) },
  check: { help: CHECK_HELP, run: (argv) => check(argv, currentSite()) },
  codeowners: { help: CODEOWNERS_HELP, run: (argv) => codeowners(argv, currentSite()) },
  'local-github': { help: LOCAL_GITHUB_HELP, run: (argv) => localGitHub(argv, currentSite()) },
  'usage export': { help: USAGE_EXPORT_HELP, run: (argv) => usageExport(argv, currentSite()) },
  'access expire': { help: ACCESS_EXPIRE_HELP, run: (argv) => accessExpire(argv, currentSite()) },
};

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf-8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<number | void> {
  const [first = '', second = ''] = argv;
  if (first === '--version' || first === '-v') return void console.log(version());
  const name = Object.hasOwn(COMMANDS, `${first} ${second}`) ? `${first} ${second}` : first;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console[first && first !== '--help' && first !== '-h' ? 'error' : 'log'](first && !first.startsWith('-') ? `There is no command "${first}".\n\n${HELP}` : HELP);
    return first && first !== '--help' && first !== '-h' ? 2 : 0;
  }
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) return void console.log(command.help);
  return command.run(rest);
}

/** A flag node:util's parseArgs refused: said in one line, exit 2, as for any bad argument. */
function isArgumentError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

try {
  const code = await main(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
} catch (error) {
  // What a person must fix is said without a stack trace; anything else keeps its stack.
  if (isArgumentError(error)) {
    console.error(`${error.message}\nRun "platform-portal --help" for the commands and their options.`);
    process.exitCode = 2;
  } else if (error instanceof PortalConfigError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
