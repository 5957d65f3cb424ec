// `npm run vercel-build` (Vercel runs this script instead of `build`): refuse a production build in
// demo mode, migrate the database as its owner under the migration lock (one transaction: a failed
// migration leaves the database as it was and fails the deployment), grant the app role, seed the
// demo data on previews, then `next build`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { planDeployment, prepareDeploymentDatabase } from './deploy';

const plan = planDeployment(process.env);
if (!plan.ok) {
  for (const error of plan.errors) console.error(`vercel-build: ${error}`);
  process.exit(1);
}

try {
  await prepareDeploymentDatabase(plan);
  console.log(`vercel-build: ${plan.environment} database migrated${plan.appRole ? `, ${plan.appRole} granted` : ''}${plan.seedDemo ? ', demo data seeded' : ''}.`);
} catch (error) {
  console.error('vercel-build: the database could not be prepared; the deployment stops here.', error);
  process.exit(1);
}

const next = spawnSync(path.resolve('node_modules/.bin/next'), ['build'], { stdio: 'inherit' });
process.exit(next.status ?? 1);
