import { z } from 'zod';

/**
 * An email address as mail can carry it: 254 characters at most (RFC 5321, 4.5.3.1.3: a path of
 * 256 octets, angle brackets included). A longer "address" is text that only fills pull requests.
 */
export const EmailSchema = z.email().max(254, 'An email address has 254 characters at most; use a shorter address.');
