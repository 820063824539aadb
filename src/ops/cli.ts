// Command line of the backup and restore scripts: connects like the hub does (MONGODB_URI or the embedded engine).
import { connectDatabase, disconnectDatabase } from '../db/connect';
import { backup, restore } from './backup';
import '../parties/model';
import '../outbox/model';

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || (command === 'restore' && !file)) {
    process.stderr.write('usage: npm run backup [file] | npm run restore <file>\n');
    process.exit(2);
  }
  await connectDatabase();
  const target = file ?? `ocpi-hub-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.ejson`;
  const counts = command === 'backup' ? await backup(target) : await restore(target);
  process.stdout.write(
    `${command} ${target}: ${Object.entries(counts)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}\n`,
  );
  await disconnectDatabase();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
