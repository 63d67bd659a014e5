// A booking worker in a process of its own, so a test can SIGKILL it mid-booking.
// Configured through the environment by crash-recovery.int.test.ts.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Registry } from 'prom-client';
import { createPool, type Db } from '@receptionist/db';
import { createLogger } from '@receptionist/observability';
import { createActivities } from '../src/activities/index.ts';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createBookingIntegrations } from '../src/integrations.ts';

const env = process.env;
Runtime.install({ logger: new DefaultLogger('ERROR') });
const db = createPool({ connectionString: env.DATABASE_URL!, max: 4 }) as Db;
const logger = createLogger({ service: 'worker-process', level: 'silent' });
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS! });
const worker = await Worker.create({
  connection,
  taskQueue: env.TASK_QUEUE!,
  workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH! },
  stickyQueueScheduleToStartTimeout: '1 second',
  activities: createActivities({
    db,
    logger,
    publicBaseUrl: 'https://book.example.test',
    ...createBookingIntegrations({
      config: {
        STRIPE_SECRET_KEY: 'sk_test_123',
        STRIPE_API_BASE_URL: env.STRIPE_API_BASE_URL,
        CALCOM_API_BASE_URL: env.CALCOM_API_BASE_URL!,
        TWILIO_ACCOUNT_SID: undefined,
        TWILIO_AUTH_TOKEN: undefined,
        TWILIO_API_BASE_URL: undefined,
      },
      db,
      logger,
      breakers: createBreakerFactory({ registry: new Registry(), logger }),
    }),
  }),
});
process.stdout.write('ready\n');
await worker.run();
