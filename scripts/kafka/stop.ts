// `npm run kafka:stop [-- --keep-data]`: stops the broker that kafka:start
// started with the same KAFKA_PORT / KAFKA_DATA_DIR and deletes its data
// unless told to keep it.
import { cliOptions, reportFailure } from './cli-options.js';
import { stopBroker } from './local-broker.js';

try {
  const options = cliOptions(process.argv.slice(2), process.env);
  const { wasRunning } = await stopBroker(options.dataDir, { keepData: options.keepData });

  const state = wasRunning ? 'Stopped the broker' : 'No broker was running';
  const data = options.keepData ? 'kept' : 'removed';
  process.stderr.write(`${state} from ${options.dataDir}; its data was ${data}.\n`);
} catch (error) {
  reportFailure(error);
}
