// Opens a journal file and holds it until SIGTERM (then closes it) or SIGKILL: the first
// writer of the lock tests, run as `node --import ../support/register-source.mjs
// hold-journal.ts <journal>`.
import { FileJournalBackend } from '@fanin/search/node';

const [journal] = process.argv.slice(2);
const backend = await FileJournalBackend.open(journal!);
const keepAlive = setInterval(() => {}, 1000);
process.on('SIGTERM', async () => {
  clearInterval(keepAlive);
  await backend.close();
  process.exit(0);
});
process.stdout.write(`open ${process.pid}\n`);
