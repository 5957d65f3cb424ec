import { describe, expect, it } from 'vitest';
import { planDeployment } from '@/db/deploy';

const OWNER = 'postgres://owner@db.example/app';

describe('planDeployment (npm run vercel-build, issue 10)', () => {
  it('refuses a production deployment in demo mode', () => {
    const plan = planDeployment({ VERCEL_ENV: 'production', SSPM_DEMO: 'true', POSTGRES_URL_NON_POOLING: OWNER, NODE_ENV: 'production' });
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors.join(' ')).toMatch(/SSPM_DEMO is on for a production deployment/);
  });

  it('lets production run in demo mode only with SSPM_DEMO_ALLOW_PRODUCTION=true', () => {
    const plan = planDeployment({ VERCEL_ENV: 'production', SSPM_DEMO: 'true', SSPM_DEMO_ALLOW_PRODUCTION: 'true', POSTGRES_URL_NON_POOLING: OWNER, NODE_ENV: 'production' });
    expect(plan).toMatchObject({ ok: true, seedDemo: true });
  });

  it('seeds the demo data on a preview in demo mode, and never on production', () => {
    expect(planDeployment({ VERCEL_ENV: 'preview', SSPM_DEMO: 'true', POSTGRES_URL_NON_POOLING: OWNER, NODE_ENV: 'production' })).toMatchObject({ ok: true, seedDemo: true, environment: 'preview' });
    expect(planDeployment({ VERCEL_ENV: 'production', POSTGRES_URL_NON_POOLING: OWNER, NODE_ENV: 'production' })).toMatchObject({ ok: true, seedDemo: false });
  });

  it('migrates through the owner’s direct URL, never the pooled one', () => {
    const env = { VERCEL_ENV: 'production', POSTGRES_URL: 'postgres://owner@db-pooler.example/app', POSTGRES_URL_NON_POOLING: OWNER, NODE_ENV: 'production' };
    expect(planDeployment(env)).toMatchObject({ ok: true, migrationUrl: OWNER });
    expect(planDeployment({ DATABASE_URL_UNPOOLED: OWNER, DATABASE_URL: 'postgres://x@pooled/app' })).toMatchObject({ migrationUrl: OWNER });
    expect(planDeployment({ DATABASE_URL: OWNER })).toMatchObject({ migrationUrl: OWNER });
  });

  it('refuses to build without a database to migrate, rather than deploying an unmigrated app', () => {
    const plan = planDeployment({ VERCEL_ENV: 'preview', POSTGRES_URL: 'postgres://owner@db-pooler.example/app' });
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors.join(' ')).toMatch(/POSTGRES_URL_NON_POOLING/);
  });

  it('passes the app role on to the grants', () => {
    expect(planDeployment({ DATABASE_URL: OWNER, SSPM_APP_DB_ROLE: ' sspm_app ' })).toMatchObject({ appRole: 'sspm_app' });
  });
});
