// `npm run kafka:start [-- --keep-data]`: a local broker on 127.0.0.1 that
// outlives this command. Prints the bootstrap address on stdout.
import { cliOptions, reportFailure } from './cli-options.js';
import { startBroker } from './local-broker.js';

try {
  const options = cliOptions(process.argv.slice(2), process.env);
  const broker = await startBroker(options);

  if (broker.alreadyRunning) {
    process.stderr.write(
      `A broker from ${broker.dataDir} is already running (pid ${broker.pid}).\n`,
    );
  } else {
    process.stderr.write(
      `Kafka ${broker.version} started (pid ${broker.pid}, data ${broker.dataDir}).\n`,
    );
  }
  process.stdout.write(`${broker.brokers}\n`);
} catch (error) {
  reportFailure(error);
}
