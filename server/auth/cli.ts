/**
 * npm run account -- add <username> <coordinator|driver|family> [--driver ID] [--household ID]
 * Creates an account on the configured database (DATABASE_URL, or the embedded one in DATA_DIR):
 * how the first coordinator of a real installation gets in, since demo accounts are seeded only
 * on embedded defaults (the others can then be made from the app, #/accounts). The linked driver or
 * household must exist, as in the app. The password is read from ACCOUNT_PASSWORD, never from the command line
 * (which other users of the machine can see).
 */
import { checkLinks } from '../accounts/admin.ts';
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { createAccount } from '../accounts/accounts.ts';
import { RoleSchema } from './context.ts';

const USAGE =
  'usage: ACCOUNT_PASSWORD=… npm run account -- add <username> <coordinator|driver|family|escort> [--driver ID] [--household ID] [--escort ID]';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const [command, username, roleText] = args;
  if (command !== 'add' || !username || !roleText) throw new Error(USAGE);
  const role = RoleSchema.safeParse(roleText);
  if (!role.success) throw new Error(`role: "${roleText}" is not coordinator, driver, family or escort\n${USAGE}`);
  const password = process.env.ACCOUNT_PASSWORD ?? '';
  if (password.length < 10) throw new Error('ACCOUNT_PASSWORD: set it to the new password, at least 10 characters');
  const db = await openDb(loadConfig());
  try {
    await migrate(db);
    const links = {
      role: role.data,
      driverId: option(args, 'driver'),
      householdId: option(args, 'household'),
      escortId: option(args, 'escort'),
    };
    // The same rule as the app: the driver, household or escort must exist.
    await checkLinks(db, links);
    const user = await createAccount(db, { username, password, ...links });
    console.log(
      `created ${user.role} ${user.username}${user.driverId ? ` (driver ${user.driverId})` : ''}${user.householdId ? ` (household ${user.householdId})` : ''}${user.escortId ? ` (escort ${user.escortId})` : ''}`,
    );
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
