/**
 * Wiring: configuration → database → migrations → demo data on embedded defaults → app → listen.
 * Fails fast with a readable message when the configuration or the database is wrong.
 */
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startRetention } from './safeguarding/purge.ts';
import { DEMO_PASSWORDS } from './seed/demo.ts';
import { wire } from './wiring.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const { deps, migrations, seeded, close } = await wire(config);
  if (migrations.length) console.log(`[db] ${deps.db.kind}: applied ${migrations.join(', ')}`);
  if (seeded) {
    console.log('[seed] demo accounts (embedded default; change them before real use):');
    for (const [role, a] of Object.entries(DEMO_PASSWORDS))
      console.log(`  ${role.padEnd(11)} ${a.username} / ${a.password}`);
    if (seeded.scenario) console.log(`[seed] demo week ${seeded.scenario} loaded`);
  }
  const app = createApp(deps);
  // Safeguarding records past their retention are purged now and once a day (server/safeguarding/purge.ts).
  const stopRetention = startRetention(deps.db, deps.clock, undefined, (m) => console.log(`[safeguarding] ${m}`));
  const server = app.listen(config.PORT, config.HOST, () => {
    console.log(
      `[http] prontivia on http://localhost:${config.PORT} (db ${deps.db.kind}, routing ${deps.routing?.name}; docs at /api/docs)`,
    );
  });
  const stop = () => {
    stopRetention();
    server.close(() => void close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
