import { describe, expect, it } from 'vitest';
import { strictTransportSecurity } from '@/lib/http/transport-security';

describe('Strict-Transport-Security (issue 8 item 6)', () => {
  it('is sent when AUTH_URL is https', () => {
    expect(strictTransportSecurity('https://sspm.example.com')).toBe('max-age=63072000; includeSubDomains');
  });

  it('is not sent over plain http or without AUTH_URL, where it would lock a developer out of http://localhost', () => {
    expect(strictTransportSecurity('http://localhost:3000')).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });
});
