/**
 * `npm run -s cli -- <command> [options]`: ops and scripting commands, JSON lines in and out.
 * Commands are the files in scripts/cli/commands/; `help` lists them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CliUsageError, type CliCommand, type CliIo } from './cli/command';

export async function loadCommands(): Promise<Map<string, CliCommand>> {
  const dir = join(__dirname, 'cli', 'commands');
  const commands = new Map<string, CliCommand>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(join(dir, file))) as { command?: CliCommand };
    if (mod.command) commands.set(mod.command.name, mod.command);
  }
  return commands;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const commands = await loadCommands();
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const about = args[0] && commands.get(args[0]);
    if (about) {
      io.stdout.write(`${about.summary}\n\nusage: ${about.usage}\n`);
      return 0;
    }
    io.stdout.write('usage: npm run -s cli -- <command> [options]   (<command> --help for its usage)\n\n');
    for (const c of commands.values()) io.stdout.write(`  ${c.name.padEnd(14)} ${c.summary}\n`);
    return name ? 0 : 2;
  }
  const command = commands.get(name);
  if (!command) {
    io.stderr.write(`error: unknown command "${name}"; try: npm run -s cli -- help\n`);
    return 2;
  }
  // `<command> --help` (anywhere after the command) is a question, not a mistake.
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.summary}\n\nusage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.stderr.write(`error: ${err.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    io.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
