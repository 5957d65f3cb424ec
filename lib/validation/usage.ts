import { z } from 'zod';
import { MAX_PORTS } from '@/lib/domain/ports';
import { MAX_SAMPLES_PER_CALL } from '@/lib/domain/usage';
import { tenantIdSchema } from './tenant';
import { whenWrongType } from './text';

/**
 * The largest body POST /api/v1/usage takes: 10,000 samples of about 110 bytes each are about 1.1 MB,
 * so twice that leaves room for long tenant ids and whitespace while still bounding what is read.
 */
export const USAGE_MAX_BODY_BYTES = 2 * 1024 * 1024;

/** A peak number of ports in use: a whole number within what a limit can be. */
const portCount = z.number({ error: whenWrongType('number_expected') }).int('whole_ports').min(0).max(MAX_PORTS);

/** The end of the sample's interval: an instant with its offset (`Z` or `+01:00`), never a local time. */
const sampleAt = z.iso.datetime({ offset: true, error: 'sample_at' }).transform((value) => new Date(value));

export const usageSampleSchema = z.strictObject({
  tenantId: tenantIdSchema,
  at: sampleAt,
  concurrent: portCount,
  // The platform sends these where the tenant has the port type; null or absent means "not measured".
  outbound: portCount.nullish(),
  agentless: portCount.nullish(),
});

/**
 * POST /api/v1/usage. The batch is validated as a whole: every bad sample is reported with its
 * index (`samples.3.concurrent`), and one bad sample stores nothing. The count is checked before
 * any sample, so an oversized batch is one clear problem rather than thousands.
 */
export const usageBatchSchema = z.strictObject({
  samples: z
    .array(z.unknown(), { error: whenWrongType('samples_expected') })
    .superRefine((samples, ctx) => {
      if (samples.length === 0) ctx.addIssue({ code: 'custom', message: 'samples_required' });
      if (samples.length > MAX_SAMPLES_PER_CALL) {
        ctx.addIssue({ code: 'custom', message: 'samples_too_many', params: { max: MAX_SAMPLES_PER_CALL } });
      }
    })
    .pipe(z.array(usageSampleSchema)),
});
export type UsageBatchInput = z.infer<typeof usageBatchSchema>;
/** A sample as a client sends it (`at` as text), for the scripts that post to the API. */
export type UsageSampleBody = z.input<typeof usageSampleSchema>;
