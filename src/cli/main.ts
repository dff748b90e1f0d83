import { Command } from 'commander';
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { registerCommands } from './commands/index.js';
import { errorMessage } from '../common/error-message.js';

endQuietlyOnClosedPipe(process.stdout);
endQuietlyOnClosedPipe(process.stderr);

const program = new Command();
program
  .name('ser')
  .description('Emotion Studio: speech emotion recognition from the command line')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(`ser: ${str.replace(/^error: /, '')}`) });

await registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`ser: ${errorMessage(err)}\n`);
  process.exitCode = 1;
}
